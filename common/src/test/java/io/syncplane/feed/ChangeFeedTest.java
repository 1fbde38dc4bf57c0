package io.syncplane.feed;

import static io.syncplane.feed.FeedFixture.contact;
import static io.syncplane.feed.FeedFixture.event;
import static io.syncplane.feed.FeedFixture.message;
import static io.syncplane.feed.FeedFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.domain.Source;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {

    private final FeedFixture f = new FeedFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void from_the_beginning_every_source_arrives_typed_in_commit_order_and_the_cursor_continues_after_it() {
        long c = f.newConnection();
        f.write(Source.GMAIL, c, message("m1", "hello"));
        f.write(Source.CALENDAR, c, event("primary", "e1", "standup"));
        f.write(Source.CONTACTS, c, contact("people/1", "Ada"));
        f.write(Source.TASKS, c, task("list1", "t1", "write it"));
        f.awaitWatermark();

        ChangePage page = f.read(FeedScope.connections(Set.of(c)), null, 100);

        assertThat(page.hasMore()).isFalse();
        assertThat(page.changes()).extracting(Change::source, Change::id, Change::op).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Source.GMAIL, "m1", Change.Op.UPSERT),
                org.assertj.core.groups.Tuple.tuple(Source.CALENDAR, "e1", Change.Op.UPSERT),
                org.assertj.core.groups.Tuple.tuple(Source.CONTACTS, "people/1", Change.Op.UPSERT),
                org.assertj.core.groups.Tuple.tuple(Source.TASKS, "t1", Change.Op.UPSERT));
        Change mail = page.changes().get(0);
        assertThat(mail.connectionId()).isEqualTo(c);
        assertThat(mail.data()).containsEntry("message_id", "m1").containsEntry("subject", "hello")
                .containsEntry("label_ids", List.of("INBOX")).containsEntry("size_estimate", 1234)
                .containsEntry("internal_date", Instant.parse("2026-11-01T08:00:00Z"));
        assertThat(mail.data().get("raw")).isEqualTo(Map.of("id", "m1", "subject", "hello",
                "labelIds", List.of("INBOX")));
        assertThat(mail.changedAt()).isEqualTo(f.ledger.clock.instant());
        assertThat(page.changes().get(1).data()).containsEntry("calendar_id", "primary")
                .containsEntry("event_id", "e1").containsEntry("all_day", false);
        assertThat(page.changes().get(3).data()).containsEntry("tasklist_id", "list1")
                .containsEntry("due", LocalDate.parse("2026-12-01"));

        FeedCursor next = FeedCursor.parse(page.next().encode());
        assertThat(next).isEqualTo(page.next());
        assertThat(f.read(FeedScope.connections(Set.of(c)), next, 100).changes()).isEmpty();

        f.write(Source.GMAIL, c, message("m2", "later"));
        f.awaitWatermark();
        assertThat(f.read(FeedScope.connections(Set.of(c)), next, 100).changes()).extracting(Change::id)
                .containsExactly("m2");
    }

    @Test
    void an_updated_row_moves_forward_and_shows_its_latest_state_once() {
        long c = f.newConnection();
        f.write(Source.GMAIL, c, message("m1", "v1"), message("m2", "v1"));
        f.awaitWatermark();
        ChangePage first = f.read(FeedScope.connections(Set.of(c)), null, 100);

        f.write(Source.GMAIL, c, message("m1", "v2"));
        f.write(Source.GMAIL, c, message("m1", "v3"));
        f.awaitWatermark();
        List<Change> after = f.read(FeedScope.connections(Set.of(c)), first.next(), 100).changes();

        assertThat(after).hasSize(1);
        assertThat(after.get(0).data()).containsEntry("subject", "v3");
        assertThat(after.get(0).version()).isGreaterThan(first.changes().get(0).version());
        // read from the beginning: each row once, at its latest state
        assertThat(f.read(FeedScope.connections(Set.of(c)), null, 100).changes())
                .extracting(ch -> ch.id() + ":" + ch.data().get("subject")).containsExactly("m2:v1", "m1:v3");
    }

    @Test
    void tombstones_arrive_as_deletes_from_incremental_deletions_and_the_full_sync_sweep() {
        long c = f.newConnection();
        f.write(Source.GMAIL, c, message("m1", "a"), message("m2", "b"), message("m3", "c"));
        f.awaitWatermark();
        FeedCursor cursor = f.read(FeedScope.connections(Set.of(c)), null, 100).next();

        f.write(Source.GMAIL, c, SyncedItem.deletedKey(List.of("m1")));
        long generation = f.items.newGeneration();
        f.ledger.transactions.executeWithoutResult(s -> {
            f.items.write(SyncedTables.GMAIL_MESSAGE, c, List.of(message("m2", "b")), generation);
            f.items.sweepUnseen(SyncedTables.GMAIL_MESSAGE, c, generation, Map.of());
        });
        f.awaitWatermark();

        List<Change> changes = f.read(FeedScope.connections(Set.of(c)), cursor, 100).changes();
        assertThat(changes).extracting(Change::id, Change::op).containsExactly(
                org.assertj.core.groups.Tuple.tuple("m1", Change.Op.DELETE),
                org.assertj.core.groups.Tuple.tuple("m3", Change.Op.DELETE));
        assertThat(changes.get(1).data()).containsEntry("subject", "c"); // the last state before the delete
    }

    @Test
    void the_sources_filter_returns_only_those_sources() {
        long c = f.newConnection();
        f.write(Source.GMAIL, c, message("m1", "a"));
        f.write(Source.CALENDAR, c, event("primary", "e1", "x"));
        f.write(Source.TASKS, c, task("l", "t1", "y"));
        f.awaitWatermark();

        assertThat(f.feed.read(FeedScope.connections(Set.of(c)), Optional.empty(),
                Set.of(Source.CALENDAR, Source.TASKS), 100).changes()).extracting(Change::source)
                .containsExactly(Source.CALENDAR, Source.TASKS);
        assertThat(f.feed.read(FeedScope.allConnections(), Optional.empty(), Set.of(Source.GMAIL), 100).changes())
                .extracting(Change::id).containsExactly("m1");
    }

    @Test
    void a_scope_returns_only_its_connections_and_everything_returns_all() {
        long alice = f.newConnection();
        long aliceWork = f.newConnection();
        long bob = f.newConnection();
        f.write(Source.GMAIL, alice, message("a1", "x"));
        f.write(Source.GMAIL, bob, message("b1", "x"));
        f.write(Source.CONTACTS, aliceWork, contact("people/a", "x"));
        f.awaitWatermark();

        assertThat(f.read(FeedScope.connections(Set.of(alice, aliceWork)), null, 100).changes())
                .extracting(Change::id).containsExactly("a1", "people/a");
        assertThat(f.read(FeedScope.connections(Set.of(bob)), null, 100).changes()).extracting(Change::id)
                .containsExactly("b1");
        assertThat(f.read(FeedScope.allConnections(), null, 100).changes()).extracting(Change::id)
                .containsExactly("a1", "b1", "people/a");
        ChangePage none = f.read(FeedScope.connections(Set.of()), null, 100);
        assertThat(none.changes()).isEmpty();
        assertThat(none.next().position()).isEqualTo(FeedPosition.START);
    }

    @Test
    void limit_pages_with_has_more_and_no_change_is_lost_or_repeated_across_pages() {
        long c = f.newConnection();
        long d = f.newConnection();
        for (int i = 0; i < 25; i++) {
            f.write(i % 2 == 0 ? Source.GMAIL : Source.CONTACTS, i % 3 == 0 ? c : d,
                    i % 2 == 0 ? message("m" + i, "s") : contact("people/" + i, "n"));
        }
        f.awaitWatermark();

        ChangePage first = f.read(FeedScope.connections(Set.of(c, d)), null, 10);
        assertThat(first.changes()).hasSize(10);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.next().position()).isEqualTo(first.changes().get(9).position());
        List<Change> all = f.readAll(FeedScope.connections(Set.of(c, d)), null, Set.of(), 10);
        assertThat(all).hasSize(25);
        assertThat(all).extracting(Change::position).isSorted().doesNotHaveDuplicates();
        ChangePage exact = f.read(FeedScope.connections(Set.of(c, d)), null, 25);
        assertThat(exact.hasMore()).isFalse();
        assertThat(exact.changes()).hasSize(25);
    }

    @Test
    void rows_of_a_running_transaction_and_everything_committed_after_it_wait_until_it_ends() throws Exception {
        long c = f.newConnection();
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> slow = pool.submit(() -> f.ledger.transactions.executeWithoutResult(s -> {
                f.items.write(SyncedTables.GMAIL_MESSAGE, c, List.of(message("early", "lower seq")), null);
                written.countDown();
                await(commit);
            }));
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            f.write(Source.GMAIL, c, message("late", "higher seq, committed first"));

            ChangePage meanwhile = f.read(FeedScope.connections(Set.of(c)), null, 100);
            assertThat(meanwhile.changes()).isEmpty();

            commit.countDown();
            slow.get(10, TimeUnit.SECONDS);
            f.awaitWatermark();
            assertThat(f.read(FeedScope.connections(Set.of(c)), meanwhile.next(), 100).changes())
                    .extracting(Change::id).containsExactly("early", "late");
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void every_write_path_stamps_the_xid_of_its_transaction() {
        long c = f.newConnection();
        f.ledger.transactions.executeWithoutResult(s -> f.items.write(SyncedTables.GMAIL_MESSAGE, c,
                List.of(message("ins", "a"), message("upd", "a"), message("tomb", "a"), message("swept", "a")), null));
        long generation = f.items.newGeneration();
        List<Boolean> stamped = f.ledger.transactions.execute(s -> {
            f.items.write(SyncedTables.GMAIL_MESSAGE, c, List.of(message("ins2", "new"), message("upd", "b"),
                    SyncedItem.deletedKey(List.of("tomb"))), generation);
            f.items.write(SyncedTables.GMAIL_MESSAGE, c, List.of(message("ins", "a")), generation); // unchanged
            f.items.sweepUnseen(SyncedTables.GMAIL_MESSAGE, c, generation, Map.of()); // tombstones "swept"
            return f.ledger.jdbc.sql("SELECT message_id, change_xid = pg_current_xact_id() AS mine "
                    + "FROM gmail_message ORDER BY message_id").query((rs, n) -> rs.getBoolean("mine")).list();
        });
        // ins (unchanged: keeps its old xid), ins2, swept, tomb, upd
        assertThat(stamped).containsExactly(false, true, true, true, true);
    }

    @Test
    void malformed_foreign_future_and_expired_cursors_require_a_resync() {
        long c = f.newConnection();
        f.write(Source.GMAIL, c, message("m1", "a"));
        f.awaitWatermark();
        FeedScope scope = FeedScope.connections(Set.of(c));
        ChangePage page = f.read(scope, null, 100);
        UUID database = f.feed.databaseId();
        assertThat(page.next().databaseId()).isEqualTo(database);

        for (String bad : List.of("", "not a cursor!", "AAAA", page.next().encode().substring(1),
                "Ag" + page.next().encode().substring(2), page.next().encode() + "AA")) { // version 2; too long
            assertThatThrownBy(() -> FeedCursor.parse(bad)).isInstanceOfSatisfying(ResyncRequiredException.class,
                    e -> assertThat(e.reason()).isEqualTo(ResyncRequiredException.Reason.MALFORMED_CURSOR));
        }
        FeedCursor foreign = new FeedCursor(UUID.randomUUID(), page.next().position());
        assertResync(() -> f.read(scope, foreign, 10), ResyncRequiredException.Reason.OTHER_DATABASE);
        FeedCursor future = new FeedCursor(database, new FeedPosition(page.next().position().xid() + 1_000_000, 1));
        assertResync(() -> f.read(scope, future, 10), ResyncRequiredException.Reason.OTHER_DATABASE);

        FeedCursor old = new FeedCursor(database, page.changes().get(0).position());
        f.ledger.jdbc.sql("UPDATE change_feed_state SET horizon_xid = ?::xid8, horizon_seq = ?")
                .params(Long.toString(old.position().xid()), old.position().seq() + 1).update();
        assertResync(() -> f.read(scope, old, 10), ResyncRequiredException.Reason.EXPIRED);
        assertThat(f.read(scope, page.next(), 10).changes()).isEmpty(); // at or above the horizon: fine
        assertThat(f.read(scope, null, 10).changes()).hasSize(1); // a fresh start is always possible
    }

    private static void assertResync(Runnable read, ResyncRequiredException.Reason reason) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ResyncRequiredException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static void await(CountDownLatch latch) {
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
