package io.syncplane.worker.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.gmail.GmailSyncJob;
import io.syncplane.connector.gmail.GmailWriter;
import io.syncplane.writeback.OutboundDrain;
import io.syncplane.writeback.OutboundThenSync;
import io.syncplane.writeback.OwnWrites;
import io.syncplane.writeback.PostgresOutboxStore;
import io.syncplane.writeback.StoredRows;
import io.syncplane.writeback.WriteSettings;
import io.syncplane.connector.gmail.GmailSyncSettings;
import com.google.api.client.json.gson.GsonFactory;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleHttpTransports;
import io.syncplane.google.GoogleProperties;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.queue.BackoffPolicy;
import io.syncplane.queue.EnqueueRequest;
import io.syncplane.queue.QueueSettings;
import io.syncplane.queue.RateLimitPolicy;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.sync.SyncJob;
import io.syncplane.sync.SyncSession;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.TestBackends;
import io.syncplane.worker.ClaimLoop;
import io.syncplane.worker.LeaseKeeper;
import io.syncplane.worker.SyncJobs;
import io.syncplane.worker.SyncRunner;
import io.syncplane.worker.WorkerProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Benchmark (not a test): incremental syncs per second that find no change, end to end — Redis queue, claim loop,
 * runner, ledger transitions in Postgres, the Gmail connector calling history.list on the emulator through the real
 * client — against the physical floor of what a sync must do in Postgres ({@link SyncStateUpdateFloor}: pgbench at
 * the workers' concurrency, one single-row UPDATE of a sync_state copy per transaction), and, for continuity, against
 * pgbench's default run (TPC-B-like, one client); alternated in one process. Every Postgres call of the worker goes
 * through a {@link CountingDataSource}, so the output also says how many statements and commits one idle sync costs.
 * Prints one JSON line.
 */
public final class IdleSyncBenchmark {

    public static void main(String[] args) throws Exception {
        int users = BenchStats.intProperty("IDLE_USERS", 1000);
        int concurrency = BenchStats.intProperty("IDLE_CONCURRENCY", 16);
        int seconds = BenchStats.intProperty("BENCH_SECONDS", 8);
        int runs = BenchStats.intProperty("BENCH_RUNS", 3);
        int warmups = BenchStats.intProperty("IDLE_WARMUPS", 6);
        int warmupsMax = Math.max(warmups, BenchStats.intProperty("IDLE_WARMUPS_MAX", 10));
        int warmupsDone = 0;
        String loadBefore = load();
        Pgbench pgbench = Pgbench.prepare();
        List<Double> ours = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> defaults = new ArrayList<>();
        List<Double> redisCpu = new ArrayList<>();
        List<Double> redisScripts = new ArrayList<>();
        CountingDataSource counting = new CountingDataSource();
        long measuredSyncs = 0;
        Map<String, Long> measuredSql = new TreeMap<>();
        Map<String, Long> measuredServerSql = new TreeMap<>();
        StatementStats serverStats;
        CountingDataSource.Counts measuredCalls = new CountingDataSource.Counts(0, 0, 0);
        SyncStateUpdateFloor floorBench;
        try (ConnectorHarness harness = new ConnectorHarness(b -> b.users(users).messagesPerUser(3).eventsPerUser(1)
                .contactsPerUser(1).tasksPerUser(1).quotasEnabled(false));
             RedisNamespace redis = TestBackends.newRedisNamespace();
             RedisServerStats redisStats = new RedisServerStats(redis.client())) {
            List<SyncKey> keys = new ArrayList<>();
            for (int i = 1; i <= users; i++) {
                keys.add(harness.link(i).key(Source.GMAIL));
            }
            QueueSettings d = QueueSettings.defaults();
            RateLimitPolicy.Rate rate = new RateLimitPolicy.Rate(20, 20);
            // the queue runs on real time (its limiter refills with it)
            RedisSyncQueue queue = RedisSyncQueue.connect(redis.client(), new QueueSettings(redis.prefix(),
                    d.partitions(), d.pushDebounce(), d.deadLetterAfter(), d.maxRunningPerConnection(),
                    RateLimitPolicy.uniform(rate), d.laneWeights(), d.commandTimeout()), Clock.systemUTC());
            javax.sql.DataSource countedSource = counting.wrap(harness.ledger.schema.dataSource());
            serverStats = StatementStats.open(harness.ledger.schema.dataSource());
            CountedWorkerStores stores = new CountedWorkerStores(harness, countedSource);
            // The production transport (pooled), not the test harness's JDK one. Built without the per-user request
            // budget (RequestPermits.UNLIMITED): no Redis permit per Google request, as before that budget existed.
            GoogleClients clients = new GoogleClients(GoogleHttpTransports.pooled(), GsonFactory.getDefaultInstance(),
                    stores.tokens, new GoogleProperties(harness.emulator.rootUrl(), harness.emulator.tokenUrl(),
                    List.of(), Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(5)));
            Counting job = new Counting(new GmailSyncJob(clients, stores.items, stores.sweep,
                    harness.ledger.clock, GmailSyncSettings.defaults().withUnitsPerSecond(1_000_000)));
            // The ledger's clock is set to now and then stands still (it only stamps what the ledger records), and the
            // next poll is a day away: every sync measured is one a trigger asked for, and between the measured
            // windows the worker is idle, so pgbench runs alone (before, each sync rescheduled itself at once).
            harness.ledger.clock.set(Instant.now());
            WorkerProperties properties = new WorkerProperties("bench-worker", concurrency, Duration.ofSeconds(60),
                    Duration.ofSeconds(15), Duration.ofMillis(5), Duration.ofSeconds(5),
                    Map.of(Source.GMAIL, Duration.ofDays(1)), null);
            // as the worker wires it: the outbox drained first (two-way sync), which costs an idle sync nothing
            JdbcClient counted = JdbcClient.create(countedSource);
            OutboundDrain drain = new OutboundDrain(new PostgresOutboxStore(counted, harness.ledger.clock),
                    stores.items, new StoredRows(counted), new OwnWrites(counted), stores.transactions,
                    BackoffPolicy.googleDefaults(new SplittableRandom(1)), WriteSettings.defaults(),
                    harness.ledger.clock, List.of(new GmailWriter(clients)));
            ClaimLoop worker = new ClaimLoop(queue, new SyncRunner(stores.states, queue,
                    new SyncJobs(List.of(new OutboundThenSync(drain, job))), stores.transactions,
                    BackoffPolicy.googleDefaults(new SplittableRandom(1)), properties, harness.ledger.clock,
                    new SimpleMeterRegistry()),
                    new LeaseKeeper(queue, stores.states, properties.leaseDuration(), harness.ledger.clock),
                    properties);
            LongSupplier ledgerRuns = () -> harness.ledger.jdbc.sql("SELECT count(*) FROM sync_run")
                    .query(Long.class).single();
            worker.start();
            try {
                syncAll(queue, keys, job, users, Duration.ofMinutes(5)); // the first, full syncs
                System.err.printf("%d mailboxes fully synced; measuring idle incremental syncs%n", users);
                floorBench = SyncStateUpdateFloor.prepare(harness.ledger.schema, concurrency);
                // The JIT compiles the hot path during these. With one window the compiler threads still took about a
                // third of the CPU of the measured windows (async-profiler, 2026-12-04): the figure measured C2 on the
                // two cores the pipeline needs, not a running worker, and rose run after run. So warm-up windows go on
                // until one is within 5 % of the one before (at least IDLE_WARMUPS of them, at most IDLE_WARMUPS_MAX):
                // the rate rose for about six windows (2026-12-04: 490, 605, 714, 745, then ~1,000), with pauses of a
                // few percent between rises, so the least is six.
                double previous = 0;
                for (int w = 1; w <= warmupsMax; w++) {
                    double warm = measure(queue, keys, job, counting, serverStats, redisStats, ledgerRuns, seconds)
                            .perSecond();
                    System.err.printf(Locale.ROOT, "warm-up %d (not counted): %.0f idle syncs/s%n", w, warm);
                    warmupsDone = w;
                    if (w >= warmups && Math.abs(warm - previous) <= 0.05 * previous) {
                        break;
                    }
                    previous = warm;
                }
                for (int run = 0; run < runs; run++) {
                    Measured r = measure(queue, keys, job, counting, serverStats, redisStats, ledgerRuns, seconds);
                    // the worker is idle now: hand its pooled connections back so pgbench finds slots on the shared Postgres
                    harness.ledger.schema.dataSource().unwrap(HikariDataSource.class).getHikariPoolMXBean()
                            .softEvictConnections();
                    double f = floorBench.tps(seconds);
                    double b = pgbench.tps(seconds);
                    ours.add(r.perSecond());
                    floor.add(f);
                    defaults.add(b);
                    redisCpu.add(r.redisCpuMicrosPerSync());
                    redisScripts.add(r.redisScriptsPerSync());
                    measuredSyncs += r.syncs();
                    measuredCalls = measuredCalls.plus(r.calls());
                    r.sql().forEach((sql, n) -> measuredSql.merge(sql, n, Long::sum));
                    r.serverSql().forEach((sql, n) -> measuredServerSql.merge(sql, n, Long::sum));
                    System.err.printf(Locale.ROOT, "run %d: %.0f idle syncs/s (%d, ledger runs started %d; %.2f "
                                    + "statements, %.2f commits, %.2f Redis scripts and %.0f us of Redis CPU each), "
                                    + "floor %.0f tps, pgbench defaults %.0f tps%n",
                            run + 1, r.perSecond(), r.syncs(), r.ledgerRuns(),
                            r.calls().statements() / (double) r.syncs(), r.calls().commits() / (double) r.syncs(),
                            r.redisScriptsPerSync(), r.redisCpuMicrosPerSync(), f, b);
                }
            } finally {
                worker.stop();
                queue.close();
            }
            // what the runs came to, so a figure made of retries rather than idle syncs shows itself
            harness.ledger.jdbc.sql("SELECT mode, outcome, left(coalesce(error, ''), 100) AS error, count(*) AS n "
                            + "FROM sync_run GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 10")
                    .query((rs, i) -> String.format(Locale.ROOT, "runs: %d %s %s %s", rs.getLong("n"),
                            rs.getString("mode"), rs.getString("outcome"), rs.getString("error")))
                    .list().forEach(System.err::println);
        }
        for (Map.Entry<String, Long> sql : measuredSql.entrySet()) {
            System.err.printf(Locale.ROOT, "sql %.3f per idle sync: %s%n",
                    sql.getValue() / (double) Math.max(1, measuredSyncs), sql.getKey());
        }
        for (Map.Entry<String, Long> sql : measuredServerSql.entrySet()) {
            System.err.printf(Locale.ROOT, "pg_stat_statements %.3f per idle sync: %s%n",
                    sql.getValue() / (double) Math.max(1, measuredSyncs), sql.getKey().replaceAll("\\s+", " "));
        }
        double o = BenchStats.median(ours);
        double f = BenchStats.median(floor);
        double b = BenchStats.median(defaults);
        double per = Math.max(1, measuredSyncs);
        System.out.printf(Locale.ROOT, "{\"bench\":\"idle-sync\",\"users\":%d,\"worker_concurrency\":%d,"
                        + "\"limiter\":\"%.0f/s burst %d per connection\","
                        + "\"request_budget\":\"off (GoogleClients built without RequestPermits: no Redis permit per "
                        + "Google request)\",\"seconds\":%d,\"runs\":%d,\"warmup_windows\":%d,\"jvm\":\"%s\","
                        + "\"idle_syncs_per_s\":%.0f,\"baseline\":\"%s\",\"baseline_tps\":%.0f,\"ratio\":%.3f,"
                        + "\"target\":\">= 0.5\",\"baseline_default\":\"pgbench -T %d (defaults: 1 client, scale 1)\","
                        + "\"pgbench_default_tps\":%.0f,\"ratio_vs_pgbench_default\":%.3f,"
                        + "\"per_idle_sync\":{\"statements\":%.2f,\"commits\":%.2f,\"rollbacks\":%.2f,"
                        + "\"round_trips\":%.2f,\"syncs_counted\":%d,\"counted_by\":\"JDBC-level counting DataSource "
                        + "around the worker's pool; a statement or commit is one round trip with PgJDBC\"},"
                        + "\"pg_stat_statements\":%s,"
                        + "\"redis_per_idle_sync\":{\"scripts\":%.2f,\"cpu_us\":%.0f,\"counted_by\":\"INFO "
                        + "commandstats and INFO cpu of the Redis server around each measured window (medians); "
                        + "nobody else uses it meanwhile\"},"
                        + "\"runs_idle_syncs_per_s\":%s,\"runs_floor_tps\":%s,\"runs_pgbench_default_tps\":%s,"
                        + "\"load_before\":\"%s\",\"load_after\":\"%s\"}%n",
                users, concurrency, 20.0, 20, seconds, runs, warmupsDone, jvmFlags(), o, floorBench.describe(seconds),
                f, o / f, seconds, b, o / b, measuredCalls.statements() / per, measuredCalls.commits() / per,
                measuredCalls.rollbacks() / per, measuredCalls.roundTrips() / per, measuredSyncs,
                serverCounts(serverStats, measuredServerSql, per),
                BenchStats.median(redisScripts), BenchStats.median(redisCpu),
                rounded(ours), rounded(floor), rounded(defaults), loadBefore, load());
    }

    /** Statements and commits per idle sync as Postgres counted them, or why it could not. */
    private static String serverCounts(StatementStats stats, Map<String, Long> calls, double syncs) {
        if (!stats.available()) {
            return "{\"unavailable\":\"" + stats.unavailableBecause().replace("\"", "'") + "\"}";
        }
        long statements = 0;
        long transactions = 0;
        for (Map.Entry<String, Long> call : calls.entrySet()) {
            if (StatementStats.isBegin(call.getKey())) {
                transactions += call.getValue();
            } else if (!StatementStats.isTransactionControl(call.getKey())) {
                statements += call.getValue();
            }
        }
        return String.format(Locale.ROOT, "{\"statements\":%.2f,\"explicit_transactions\":%.2f,"
                        + "\"distinct_statements\":%d,"
                        + "\"counted_by\":\"pg_stat_statements deltas over the measured windows, this database, the "
                        + "benchmark's own count query left out; an autocommit statement is its own transaction "
                        + "without a BEGIN\"}",
                statements / syncs, transactions / syncs, calls.size());
    }

    /** The flags this JVM was started with (the worker's own file when bench/scripts/idle-sync starts it). */
    private static String jvmFlags() {
        return String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
                .replace("\\", "/").replace("\"", "'");
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.valueOf(Math.round(v))).collect(Collectors.joining(",", "[", "]"));
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
    }

    /** Idle syncs completed in one window, and the Postgres calls the worker made meanwhile. */
    private record Measured(long syncs, double seconds, CountingDataSource.Counts calls, long ledgerRuns,
                            Map<String, Long> sql, Map<String, Long> serverSql, RedisServerStats.Reading redis) {
        double perSecond() {
            return syncs / seconds;
        }

        double redisCpuMicrosPerSync() {
            return redis.cpuSeconds() * 1e6 / Math.max(1, syncs);
        }

        double redisScriptsPerSync() {
            return redis.scripts() / (double) Math.max(1, syncs);
        }
    }

    /**
     * Every completed sync triggers its account once more (as a push would), so each key syncs back to back as fast
     * as the pipeline and the limiter allow, and the trigger load is one enqueue per sync — part of what is measured.
     */
    private static Measured measure(RedisSyncQueue queue, List<SyncKey> keys, Counting job,
                                    CountingDataSource counting, StatementStats serverStats,
                                    RedisServerStats redisStats, LongSupplier ledgerRuns, int seconds)
            throws InterruptedException {
        job.retrigger(queue);
        enqueueAll(queue, keys);
        Thread.sleep(1000); // let the loop reach its steady state before counting
        long before = job.completed.get();
        CountingDataSource.Counts callsBefore = counting.counts();
        long runsBefore = ledgerRuns.getAsLong();
        Map<String, Long> sqlBefore = counting.bySql();
        Map<String, Long> serverBefore = serverStats.calls();
        RedisServerStats.Reading redisBefore = redisStats.read();
        long started = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        long syncs = job.completed.get() - before;
        RedisServerStats.Reading redis = redisStats.read().minus(redisBefore);
        CountingDataSource.Counts calls = counting.counts().minus(callsBefore);
        long runs = ledgerRuns.getAsLong() - runsBefore;
        Map<String, Long> sql = new TreeMap<>();
        counting.bySql().forEach((text, n) -> {
            long delta = n - sqlBefore.getOrDefault(text, 0L);
            if (delta > 0) {
                sql.put(text, delta);
            }
        });
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Long> serverSql = StatementStats.delta(serverBefore, serverStats.calls());
        job.retrigger(null);
        Thread.sleep(500); // the last retriggered syncs drain before pgbench runs alone
        return new Measured(syncs, elapsed, calls, runs, sql, serverSql, redis);
    }

    private static void syncAll(RedisSyncQueue queue, List<SyncKey> keys, Counting job, int expected,
                                Duration timeout) throws InterruptedException {
        enqueueAll(queue, keys);
        Instant deadline = Instant.now().plus(timeout);
        while (job.completed.get() < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("only " + job.completed.get() + " of " + expected + " full syncs");
            }
            Thread.sleep(100);
        }
    }

    private static void enqueueAll(RedisSyncQueue queue, List<SyncKey> keys) {
        Instant now = Instant.now();
        queue.enqueueAll(keys.stream()
                .map(key -> new EnqueueRequest(key, SyncTrigger.SCHEDULE, SyncMode.INCREMENTAL, now)).toList());
    }

    /** Counts the syncs that completed and, while measuring, asks for each key's next run. */
    private static final class Counting implements SyncJob {
        private final SyncJob delegate;
        final AtomicLong completed = new AtomicLong();
        private volatile RedisSyncQueue retrigger;

        void retrigger(RedisSyncQueue queue) {
            this.retrigger = queue;
        }

        Counting(SyncJob delegate) {
            this.delegate = delegate;
        }

        @Override
        public Source source() {
            return delegate.source();
        }

        @Override
        public void run(SyncSession session) throws Exception {
            delegate.run(session);
            completed.incrementAndGet();
            RedisSyncQueue queue = retrigger;
            if (queue != null) {
                queue.enqueue(session.state().key(), SyncTrigger.SCHEDULE, SyncMode.INCREMENTAL, Instant.now());
            }
        }
    }
}
