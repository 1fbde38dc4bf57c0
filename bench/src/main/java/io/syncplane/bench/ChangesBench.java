package io.syncplane.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.syncplane.domain.Source;
import io.syncplane.feed.Change;
import io.syncplane.feed.ChangeFeed;
import io.syncplane.feed.ChangeNotifications;
import io.syncplane.feed.ChangePage;
import io.syncplane.feed.FeedCursor;
import io.syncplane.feed.FeedScope;
import io.syncplane.feed.LongPoll;
import io.syncplane.persistence.SchemaMigrations;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The change feed benchmark (bench/scripts/changes). Prints one JSON line. Each part runs in a schema of its own in
 * the bench database, dropped afterwards:
 *
 * <ol>
 *   <li>throughput: one consumer pages one user's feed (2 connections, limit 500, each read in its own transaction
 *   as the API does) through a backlog written by the production write path, while 2 writers keep committing pages
 *   of 100 through {@link PostgresItemStore}. Baseline in the same run, same data, same page size: the naive feed
 *   that skips rows (keyset on change_seq alone, no watermark).</li>
 *   <li>latency: a writer commits one item every 25 ms through {@link PostgresItemStore}; a consumer long-polls
 *   ({@link LongPoll}, {@link ChangeNotifications}); commit returned → change in the consumer's hands.</li>
 *   <li>empty polls: a caught-up user's poll at 10,000 and at 1,000,000 rows in the synced tables, alternated.</li>
 * </ol>
 */
public final class ChangesBench {

    private static final int PAGE = 500;
    private static final String URL = System.getenv().getOrDefault("SYNCPLANE_BENCH_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("SYNCPLANE_BENCH_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("SYNCPLANE_BENCH_PG_PASSWORD", "");

    public static void main(String[] args) throws Exception {
        int backlog = Integer.parseInt(System.getenv().getOrDefault("CHANGES_BENCH_BACKLOG", "60000"));
        int largeRows = Integer.parseInt(System.getenv().getOrDefault("CHANGES_BENCH_LARGE_ROWS", "1000000"));
        int latencySamples = Integer.parseInt(System.getenv().getOrDefault("CHANGES_BENCH_LATENCY_SAMPLES", "400"));
        StringBuilder json = new StringBuilder("{\"bench\":\"changes\"");
        try {
            try (Db db = Db.create()) {
                throughput(db, backlog, json);
            }
            try (Db db = Db.create()) {
                latency(db, latencySamples, json);
            }
            try (Db small = Db.create(); Db large = Db.create()) {
                emptyPolls(small, large, largeRows, json);
            }
        } catch (Exception e) {
            System.err.println("changes bench could not measure: " + e);
            e.printStackTrace();
            System.exit(2);
        }
        System.out.println(json.append('}'));
    }

    // ---- (a) changes/s for one consumer while writers commit

    private static void throughput(Db db, int backlog, StringBuilder json) throws Exception {
        long[] connections = db.connections(2);
        FeedScope scope = FeedScope.connections(Set.of(connections[0], connections[1]));
        AtomicLong written = new AtomicLong();
        long fillStarted = System.nanoTime();
        writePages(db, connections, backlog / 100, 100, written, "backlog");
        double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
        // the naive baseline gets the index it needs (the pre-feed (connection_id, change_seq) one), or it would scan
        db.jdbc.sql("CREATE INDEX gmail_message_naive_idx ON gmail_message (connection_id, change_seq)").update();
        db.awaitWatermark();
        log("backlog: %d changes written through PostgresItemStore in %.1f s (%.0f/s)", backlog, fillSeconds,
                backlog / fillSeconds);
        consume(db, scope, Math.min(20_000, backlog)); // warm-up: JIT, plans, caches

        List<Double> ours = new ArrayList<>();
        List<Double> naive = new ArrayList<>();
        List<Double> writerRates = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong duringRead = new AtomicLong();
            ExecutorService writers = Executors.newFixedThreadPool(2);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    int page = 0;
                    while (!stop.get()) { // a steady 2,000 changes/s each: load, not a flood
                        long pageStarted = System.nanoTime();
                        writePage(db, connections[writer], 100, duringRead, "live-" + writer + "-" + page++);
                        long left = 50 - (System.nanoTime() - pageStarted) / 1_000_000;
                        if (left > 0) {
                            Thread.sleep(left);
                        }
                    }
                    return null;
                }));
            }
            long started = System.nanoTime();
            double naiveRate;
            double ourRate;
            if (round % 2 == 0) { // alternate which goes first, so drifting load hits both alike
                naiveRate = consumeNaive(db, connections, backlog);
                ourRate = consume(db, scope, backlog);
            } else {
                ourRate = consume(db, scope, backlog);
                naiveRate = consumeNaive(db, connections, backlog);
            }
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            writers.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            ours.add(ourRate);
            naive.add(naiveRate);
            writerRates.add(duringRead.get() / seconds);
            log("round %d: ours %.0f changes/s, naive %.0f/s, writers committed %.0f/s meanwhile", round, ourRate,
                    naiveRate, duringRead.get() / seconds);
        }
        double o = median(ours);
        double n = median(naive);
        json.append(String.format(Locale.ROOT, ",\"throughput\":{\"changes_per_s\":%.0f,\"baseline\":\"naive "
                        + "change_seq keyset feed without watermark (can skip rows), same rows and page size\","
                        + "\"baseline_changes_per_s\":%.0f,\"ratio_vs_naive\":%.2f,\"target\":\">= 20000/s\","
                        + "\"ratio_vs_target\":%.2f,\"page\":%d,\"backlog\":%d,\"writers\":\"2 x 2000 changes/s, PostgresItemStore pages of 100\","
                        + "\"writer_commits_per_s_during_read\":%.0f,\"runs_changes_per_s\":%s}",
                o, n, o / n, o / 20_000, PAGE, backlog, median(writerRates), ints(ours)));
    }

    /** Reads {@code count} changes from the beginning, one page per transaction; returns changes per second. */
    private static double consume(Db db, FeedScope scope, int count) {
        long started = System.nanoTime();
        Optional<FeedCursor> cursor = Optional.empty();
        int seen = 0;
        while (seen < count) {
            Optional<FeedCursor> since = cursor;
            ChangePage page = db.transactions.execute(s -> db.feed.read(scope, since, Set.of(), PAGE));
            seen += page.changes().size();
            cursor = Optional.of(page.next());
            if (page.changes().isEmpty()) {
                throw new IllegalStateException("feed ran dry after " + seen + " of " + count);
            }
        }
        return seen / ((System.nanoTime() - started) / 1e9);
    }

    /** The same reads done the unsafe way: keyset on change_seq alone, rows fetched and parsed alike. */
    private static double consumeNaive(Db db, long[] connections, int count) {
        JsonMapper json = JsonMapper.builder().build();
        long started = System.nanoTime();
        long after = 0;
        int seen = 0;
        while (seen < count) {
            long from = after;
            String one = "(SELECT change_seq, raw::text AS raw, subject, internal_date, label_ids FROM gmail_message "
                    + "WHERE connection_id = ? AND change_seq > ? ORDER BY change_seq LIMIT ?)";
            List<Long> seqs = db.transactions.execute(s -> db.jdbc.sql("SELECT * FROM (" + one + " UNION ALL " + one
                            + ") u ORDER BY change_seq LIMIT ?")
                    .params(connections[0], from, PAGE, connections[1], from, PAGE, PAGE)
                    .query((rs, i) -> {
                        json.readValue(rs.getString("raw"), Map.class);
                        rs.getString("subject");
                        rs.getObject("internal_date", java.time.OffsetDateTime.class);
                        rs.getArray("label_ids").getArray();
                        return rs.getLong("change_seq");
                    }).list());
            seen += seqs.size();
            after = seqs.get(seqs.size() - 1);
        }
        return seen / ((System.nanoTime() - started) / 1e9);
    }

    private static void writePages(Db db, long[] connections, int pages, int size, AtomicLong written, String tag) {
        for (int p = 0; p < pages; p++) {
            writePage(db, connections[p % connections.length], size, written, tag + "-" + p);
        }
    }

    private static void writePage(Db db, long connection, int size, AtomicLong written, String tag) {
        List<SyncedItem> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(message(tag + "-" + i));
        }
        db.transactions.executeWithoutResult(s -> db.items.write(SyncedTables.GMAIL_MESSAGE, connection, items,
                null));
        written.addAndGet(size);
    }

    private static SyncedItem message(String id) {
        return SyncedItem.live(List.of(id), Map.of("thread_id", "t-" + id, "subject", "Subject of " + id,
                        "from_header", "Ada <ada@example.test>", "to_header", "bob@example.test",
                        "label_ids", List.of("INBOX", "UNREAD"), "internal_date", Instant.parse("2026-11-30T10:00:00Z"),
                        "snippet", "A snippet of the message body as Gmail gives it", "size_estimate", 4321),
                "{\"id\":\"" + id + "\",\"threadId\":\"t-" + id + "\",\"labelIds\":[\"INBOX\",\"UNREAD\"],"
                        + "\"snippet\":\"A snippet of the message body as Gmail gives it\",\"historyId\":\"1234\","
                        + "\"internalDate\":\"1764496800000\",\"sizeEstimate\":4321,\"payload\":{\"headers\":["
                        + "{\"name\":\"Subject\",\"value\":\"Subject of " + id + "\"},"
                        + "{\"name\":\"From\",\"value\":\"Ada <ada@example.test>\"}]}}");
    }

    // ---- (b) commit -> visible through long-poll

    private static void latency(Db db, int samples, StringBuilder json) throws Exception {
        long connection = db.connections(1)[0];
        FeedScope scope = FeedScope.connections(Set.of(connection));
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        try (ChangeNotifications notifications = ChangeNotifications.start(
                () -> DriverManager.getConnection(db.url, USER, PASSWORD))) {
            while (!notifications.isListening()) {
                Thread.sleep(10);
            }
            LongPoll poll = new LongPoll(notifications, Duration.ofSeconds(1));
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService consumer = Executors.newSingleThreadExecutor();
            Future<?> reading = consumer.submit(() -> {
                Optional<FeedCursor> cursor = Optional.empty();
                while (!done.get()) {
                    Optional<FeedCursor> since = cursor;
                    ChangePage page = poll.poll(Set.of(connection), Duration.ofSeconds(2),
                            () -> db.transactions.execute(s -> db.feed.read(scope, since, Set.of(), PAGE)));
                    long now = System.nanoTime();
                    for (Change change : page.changes()) { // may be before the writer noted its commit: pair later
                        receivedAt.putIfAbsent(change.id(), now);
                    }
                    cursor = Optional.of(page.next());
                }
                return null;
            });
            AtomicLong written = new AtomicLong();
            for (int i = 0; i < samples + 20; i++) {
                String id = "lat-" + i;
                db.transactions.executeWithoutResult(s -> db.items.write(SyncedTables.GMAIL_MESSAGE, connection,
                        List.of(message(id)), null));
                if (i >= 20) { // the first ones warm up
                    committedAt.put(id, System.nanoTime());
                }
                written.incrementAndGet();
                Thread.sleep(25);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!receivedAt.keySet().containsAll(committedAt.keySet()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            done.set(true);
            reading.get();
            consumer.shutdown();
        }
        List<Double> sorted = new ArrayList<>();
        committedAt.forEach((id, at) -> {
            Long received = receivedAt.get(id);
            if (received != null) {
                sorted.add(Math.max(0, received - at) / 1e6); // received before commit() returned: 0
            }
        });
        Collections.sort(sorted);
        double p50 = percentile(sorted, 0.50);
        double p99 = percentile(sorted, 0.99);
        json.append(String.format(Locale.ROOT, ",\"long_poll\":{\"samples\":%d,\"p50_ms\":%.1f,\"p99_ms\":%.1f,"
                        + "\"max_ms\":%.1f,\"baseline\":\"target p99 250 ms\",\"ratio_target_over_p99\":%.2f,"
                        + "\"measured\":\"PostgresItemStore commit returned -> change returned by LongPoll\"}",
                sorted.size(), p50, p99, sorted.get(sorted.size() - 1), 250 / p99));
        if (sorted.size() < samples) {
            throw new IllegalStateException("only " + sorted.size() + " of " + samples + " changes arrived");
        }
    }

    // ---- (c) empty poll at 10 k and 1 M rows

    private static void emptyPolls(Db small, Db large, int largeRows, StringBuilder json) {
        int smallRows = 10_000;
        fill(small, smallRows);
        fill(large, largeRows);
        FeedScope smallScope = small.userScope();
        FeedScope largeScope = large.userScope();
        FeedCursor smallHead = drain(small, smallScope);
        FeedCursor largeHead = drain(large, largeScope);
        List<Double> smallUs = new ArrayList<>();
        List<Double> largeUs = new ArrayList<>();
        List<Double> smallAllUs = new ArrayList<>();
        List<Double> largeAllUs = new ArrayList<>();
        FeedCursor smallAll = drain(small, FeedScope.allConnections());
        FeedCursor largeAll = drain(large, FeedScope.allConnections());
        for (int i = 0; i < 500; i++) { // warm-up
            emptyPoll(small, smallScope, smallHead);
            emptyPoll(large, largeScope, largeHead);
        }
        for (int i = 0; i < 5_000; i++) { // alternate, so machine noise hits both alike
            smallUs.add(emptyPoll(small, smallScope, smallHead));
            largeUs.add(emptyPoll(large, largeScope, largeHead));
            if (i % 5 == 0) {
                smallAllUs.add(emptyPoll(small, FeedScope.allConnections(), smallAll));
                largeAllUs.add(emptyPoll(large, FeedScope.allConnections(), largeAll));
            }
        }
        Collections.sort(smallUs);
        Collections.sort(largeUs);
        Collections.sort(smallAllUs);
        Collections.sort(largeAllUs);
        double s99 = percentile(smallUs, 0.99);
        double l99 = percentile(largeUs, 0.99);
        json.append(String.format(Locale.ROOT, ",\"empty_poll\":{\"small_rows\":%d,\"large_rows\":%d,"
                        + "\"user_connections\":2,\"polls\":%d,\"p50_us_small\":%.0f,\"p50_us_large\":%.0f,"
                        + "\"p99_us_small\":%.0f,\"p99_us_large\":%.0f,\"ratio_p99_large_over_small\":%.2f,"
                        + "\"target\":\"ratio <= 1.5\",\"all_users_p50_us_small\":%.0f,"
                        + "\"all_users_p50_us_large\":%.0f,\"all_users_p99_us_small\":%.0f,"
                        + "\"all_users_p99_us_large\":%.0f,\"measured\":\"BEGIN; ChangeFeed.read (empty); COMMIT\"}",
                smallRows, largeRows, smallUs.size(), percentile(smallUs, 0.5), percentile(largeUs, 0.5), s99, l99,
                l99 / s99, percentile(smallAllUs, 0.5), percentile(largeAllUs, 0.5), percentile(smallAllUs, 0.99),
                percentile(largeAllUs, 0.99)));
    }

    private static double emptyPoll(Db db, FeedScope scope, FeedCursor at) {
        long started = System.nanoTime();
        ChangePage page = db.transactions.execute(s -> db.feed.read(scope, Optional.of(at), Set.of(), PAGE));
        double us = (System.nanoTime() - started) / 1e3;
        if (!page.changes().isEmpty()) {
            throw new IllegalStateException("an empty poll returned changes");
        }
        return us;
    }

    private static FeedCursor drain(Db db, FeedScope scope) {
        db.awaitWatermark();
        Optional<FeedCursor> cursor = Optional.empty();
        ChangePage page;
        do {
            page = db.feed.read(scope, cursor, Set.of(), 10_000);
            cursor = Optional.of(page.next());
        } while (page.hasMore());
        return cursor.get();
    }

    /**
     * {@code rows} rows spread evenly over the four tables and up to 1,000 connections (set-based SQL: the fill is set-up,
     * not what is measured), then ANALYZE; the measured user is one of those connections plus one more.
     */
    private static void fill(Db db, int rows) {
        long started = System.nanoTime();
        int connections = Math.max(2, Math.min(1_000, rows / 40));
        db.connections(connections);
        int perTableAndConnection = Math.max(1, rows / 4 / connections);
        for (Source source : Source.values()) {
            var table = SyncedTables.of(source);
            SyncedRowsFill.insert(db.jdbc, table, "SELECT id FROM google_connection", perTableAndConnection, 200);
            db.jdbc.sql("ANALYZE " + table.name()).update();
        }
        long total = db.jdbc.sql("SELECT (SELECT count(*) FROM gmail_message) + (SELECT count(*) FROM calendar_event)"
                + " + (SELECT count(*) FROM contact) + (SELECT count(*) FROM task)").query(Long.class).single();
        log("filled %d rows in %.1f s", total, (System.nanoTime() - started) / 1e9);
    }

    // ---- helpers

    private static String ints(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[changes] " + format + "%n", args);
    }

    /** A migrated schema of its own; closing drops it. */
    private static final class Db implements AutoCloseable {

        final String schema = "bench_changes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        final String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        final HikariDataSource dataSource;
        final JdbcClient jdbc;
        final TransactionTemplate transactions;
        final PostgresItemStore items;
        final ChangeFeed feed;
        private final List<Long> connectionIds = new ArrayList<>();

        private Db() {
            try (var c = DriverManager.getConnection(URL, USER, PASSWORD); var s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot reach Postgres at " + URL + ": " + e.getMessage(), e);
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(USER);
            config.setPassword(PASSWORD);
            config.setMaximumPoolSize(6);
            dataSource = new HikariDataSource(config);
            SchemaMigrations.apply(dataSource);
            jdbc = JdbcClient.create(dataSource);
            transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            items = new PostgresItemStore(jdbc, new JdbcTemplate(dataSource), Clock.systemUTC());
            feed = new ChangeFeed(jdbc, JsonMapper.builder().build());
        }

        static Db create() {
            return new Db();
        }

        /** {@code n} new users with one connection each; returns their ids. */
        long[] connections(int n) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            jdbc.sql("INSERT INTO app_user (external_id, created_at) SELECT 'bench-" + tag + "-' || g, now() "
                    + "FROM generate_series(1, ?) g").param(n).update();
            List<Long> ids = jdbc.sql("INSERT INTO google_connection (user_id, account_email, oauth_client_id, "
                    + "refresh_token_ciphertext, encryption_key_id, status, created_at, updated_at) "
                    + "SELECT id, external_id || '@example.test', 'client', '\\x00'::bytea, 'k1', 'active', now(), "
                    + "now() FROM app_user WHERE external_id LIKE 'bench-" + tag + "-%' RETURNING id")
                    .query(Long.class).list();
            connectionIds.addAll(ids);
            return ids.stream().mapToLong(Long::longValue).toArray();
        }

        /** A user with two of the filled connections. */
        FeedScope userScope() {
            return FeedScope.connections(Set.of(connectionIds.get(connectionIds.size() / 2),
                    connectionIds.get(connectionIds.size() / 2 + 1)));
        }

        void awaitWatermark() {
            long target = Long.parseLong(jdbc.sql("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")
                    .query(String.class).single());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (Long.parseLong(jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
                    .query(String.class).single()) < target) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a long transaction holds the watermark back");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void close() {
            try {
                jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update();
            } finally {
                dataSource.close();
            }
        }
    }
}
