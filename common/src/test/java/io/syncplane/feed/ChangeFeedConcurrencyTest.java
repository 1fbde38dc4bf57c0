package io.syncplane.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The classic way a feed loses rows: a writer takes a lower change_seq but commits after writers with higher ones,
 * while a reader polls. Here writers take their sequence values in a known order and commit (or roll back) in a
 * scrambled one, round after round, while a reader pages through the feed continuously with a small page size.
 */
class ChangeFeedConcurrencyTest {

    private static final int ROUNDS = 25;
    private static final int WRITERS = 4;
    private static final int IDS_PER_CONNECTION = 40;

    private final FeedFixture f = new FeedFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void a_polling_reader_sees_every_committed_change_exactly_once_and_nothing_uncommitted() throws Exception {
        long[] connections = {f.newConnection(), f.newConnection()};
        FeedScope scope = FeedScope.connections(Set.of(connections[0], connections[1]));
        // "connection/id" -> versions (change_seq) written by transactions that committed / rolled back
        Set<String> committed = ConcurrentHashMap.newKeySet();
        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        List<Change> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger polls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            Future<?> reader = pool.submit(() -> {
                Optional<FeedCursor> cursor = Optional.empty();
                boolean finalPass = false;
                while (true) {
                    ChangePage page = f.feed.read(scope, cursor, Set.of(), 7);
                    polls.incrementAndGet();
                    seen.addAll(page.changes());
                    cursor = Optional.of(page.next());
                    if (!page.hasMore()) {
                        if (finalPass) {
                            return null;
                        }
                        if (!writing.get()) {
                            f.awaitWatermark(); // everything committed is now below the watermark: one last drain
                            finalPass = true;
                        }
                    }
                }
            });
            SplittableRandom random = new SplittableRandom(20261201);
            for (int round = 0; round < ROUNDS; round++) {
                runRound(round, random, connections, pool, committed, rolledBack);
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }

        Map<String, Long> finalVersions = new HashMap<>();
        f.ledger.jdbc.sql("SELECT connection_id, message_id, change_seq FROM gmail_message")
                .query(rs -> {
                    finalVersions.put(rs.getLong(1) + "/" + rs.getString(2), rs.getLong(3));
                });
        List<String> seenVersions = seen.stream().map(ChangeFeedConcurrencyTest::version).toList();
        assertThat(seenVersions).doesNotHaveDuplicates();
        assertThat(seenVersions).allMatch(committed::contains, "written by a committed transaction");
        assertThat(seenVersions).noneMatch(rolledBack::contains);
        Map<String, Long> lastSeen = new HashMap<>();
        for (Change change : seen) { // versions of one row only ever go up
            String row = change.connectionId() + "/" + change.id();
            Long before = lastSeen.put(row, change.version());
            assertThat(before == null || before < change.version()).as("version order of %s", row).isTrue();
        }
        assertThat(lastSeen).isEqualTo(finalVersions);
        assertThat(rolledBack).isNotEmpty();
        assertThat(polls.get()).isGreaterThan(ROUNDS);
    }

    /**
     * Writer i writes after writer i-1 wrote (so its xid and change_seq are higher), then all wait and are let go in
     * a random order; about one in five rolls back instead of committing. Writers of a round touch disjoint rows (a
     * row lock would otherwise make one wait for another and the order could not be forced).
     */
    private void runRound(int round, SplittableRandom random, long[] connections, ExecutorService pool,
                          Set<String> committed, Set<String> rolledBack) throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < IDS_PER_CONNECTION * connections.length; i++) {
            ids.add(i);
        }
        Collections.shuffle(ids, new java.util.Random(random.nextLong()));
        List<CountDownLatch> gates = new ArrayList<>();
        List<Future<?>> writers = new ArrayList<>();
        CountDownLatch previousWrote = new CountDownLatch(0);
        for (int w = 0; w < WRITERS; w++) {
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch wrote = new CountDownLatch(1);
            CountDownLatch after = previousWrote;
            boolean rollBack = random.nextInt(5) == 0;
            List<Integer> mine = ids.subList(w * 5, w * 5 + 1 + random.nextInt(5));
            gates.add(gate);
            writers.add(pool.submit(() -> write(round, mine, connections, after, wrote, gate, rollBack,
                    committed, rolledBack)));
            previousWrote = wrote;
        }
        previousWrote.await(10, TimeUnit.SECONDS);
        List<Integer> order = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            order.add(w);
        }
        Collections.shuffle(order, new java.util.Random(random.nextLong()));
        if (order.get(0) == 0) { // make sure the lowest sequence values are not the first to commit
            Collections.swap(order, 0, WRITERS - 1);
        }
        for (int w : order) {
            gates.get(w).countDown();
            Thread.sleep(random.nextInt(4)); // let the reader poll between commits
        }
        for (Future<?> writer : writers) {
            writer.get(30, TimeUnit.SECONDS);
        }
    }

    private void write(int round, List<Integer> ids, long[] connections, CountDownLatch after, CountDownLatch wrote,
                       CountDownLatch gate, boolean rollBack, Set<String> committed, Set<String> rolledBack) {
        List<String> versions = new ArrayList<>();
        try {
            f.ledger.transactions.executeWithoutResult(status -> {
                awaitLatch(after);
                for (int id : ids) {
                    long connection = connections[id % connections.length];
                    String key = "m" + id;
                    SyncedItem item = round % 7 == 3 && id % 3 == 0 ? SyncedItem.deletedKey(List.of(key))
                            : FeedFixture.message(key, "round " + round);
                    f.items.write(SyncedTables.of(Source.GMAIL), connection, List.of(item), null);
                }
                versions.addAll(f.ledger.jdbc.sql("SELECT connection_id || '/' || message_id || '@' || change_seq "
                        + "FROM gmail_message WHERE change_xid = pg_current_xact_id()").query(String.class).list());
                wrote.countDown();
                awaitLatch(gate);
                if (rollBack) {
                    status.setRollbackOnly();
                }
            });
        } finally {
            wrote.countDown();
        }
        (rollBack ? rolledBack : committed).addAll(versions);
    }

    private static String version(Change change) {
        return change.connectionId() + "/" + change.id() + "@" + change.version();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
