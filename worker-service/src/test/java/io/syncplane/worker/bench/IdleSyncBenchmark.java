package io.syncplane.worker.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.gmail.GmailSyncJob;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test): incremental syncs per second that find no change, end to end — Redis queue, claim loop,
 * runner, ledger transitions in Postgres, the Gmail connector calling history.list on the emulator through the real
 * client — against pgbench's default run (TPC-B-like, one client) on the same Postgres, alternated in one process.
 * Prints one JSON line.
 */
public final class IdleSyncBenchmark {

    public static void main(String[] args) throws Exception {
        int users = BenchStats.intProperty("IDLE_USERS", 1000);
        int concurrency = BenchStats.intProperty("IDLE_CONCURRENCY", 16);
        int seconds = BenchStats.intProperty("BENCH_SECONDS", 8);
        int runs = BenchStats.intProperty("BENCH_RUNS", 3);
        Pgbench pgbench = Pgbench.prepare();
        List<Double> ours = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        try (ConnectorHarness harness = new ConnectorHarness(b -> b.users(users).messagesPerUser(3).eventsPerUser(1)
                .contactsPerUser(1).tasksPerUser(1).quotasEnabled(false));
             RedisNamespace redis = TestBackends.newRedisNamespace()) {
            List<SyncKey> keys = new ArrayList<>();
            for (int i = 1; i <= users; i++) {
                keys.add(harness.link(i).key(Source.GMAIL));
            }
            QueueSettings d = QueueSettings.defaults();
            RateLimitPolicy.Rate rate = new RateLimitPolicy.Rate(20, 20);
            // the queue runs on real time (its limiter refills with it); the ledger's test clock stands still,
            // which only freezes the timestamps it records
            RedisSyncQueue queue = RedisSyncQueue.connect(redis.client(), new QueueSettings(redis.prefix(),
                    d.partitions(), d.pushDebounce(), d.deadLetterAfter(), d.maxRunningPerConnection(),
                    RateLimitPolicy.uniform(rate), d.laneWeights(), d.commandTimeout()), Clock.systemUTC());
            // the production transport (pooled), not the test harness's JDK one
            GoogleClients clients = new GoogleClients(GoogleHttpTransports.pooled(), GsonFactory.getDefaultInstance(),
                    harness.tokens, new GoogleProperties(harness.emulator.rootUrl(), harness.emulator.tokenUrl(),
                    List.of(), Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(5)));
            Counting job = new Counting(new GmailSyncJob(clients, harness.items, harness.sweep,
                    harness.ledger.clock, GmailSyncSettings.defaults().withUnitsPerSecond(1_000_000)));
            WorkerProperties properties = new WorkerProperties("bench-worker", concurrency, Duration.ofSeconds(60),
                    Duration.ofSeconds(15), Duration.ofMillis(5), Duration.ofSeconds(5), null);
            ClaimLoop worker = new ClaimLoop(queue, new SyncRunner(harness.ledger.states, queue,
                    new SyncJobs(List.of(job)), harness.ledger.transactions,
                    BackoffPolicy.googleDefaults(new SplittableRandom(1)), properties, harness.ledger.clock,
                    new SimpleMeterRegistry()),
                    new LeaseKeeper(queue, harness.ledger.states, properties.leaseDuration(), harness.ledger.clock),
                    properties);
            worker.start();
            try {
                syncAll(queue, keys, job, users, Duration.ofMinutes(5)); // the first, full syncs
                System.err.printf("%d mailboxes fully synced; measuring idle incremental syncs%n", users);
                System.err.printf(Locale.ROOT, "warm-up (not counted): %.0f idle syncs/s%n",
                        measure(queue, keys, job, seconds)); // the JIT compiles the hot path first
                for (int run = 0; run < runs; run++) {
                    double r = measure(queue, keys, job, seconds);
                    double b = pgbench.tps(seconds);
                    ours.add(r);
                    baseline.add(b);
                    System.err.printf(Locale.ROOT, "run %d: %.0f idle syncs/s, pgbench %.0f tps%n", run + 1, r, b);
                }
            } finally {
                worker.stop();
                queue.close();
            }
        }
        double o = BenchStats.median(ours);
        double b = BenchStats.median(baseline);
        System.out.printf(Locale.ROOT, "{\"bench\":\"idle-sync\",\"users\":%d,\"worker_concurrency\":%d,"
                        + "\"limiter\":\"%.0f/s burst %d per connection\",\"seconds\":%d,\"runs\":%d,"
                        + "\"idle_syncs_per_s\":%.0f,\"baseline\":\"pgbench -T %d (defaults: 1 client, scale 1)\","
                        + "\"baseline_tps\":%.0f,\"ratio\":%.3f,\"target\":\">= 1\"}%n",
                users, concurrency, 20.0, 20, seconds, runs, o, seconds, b, o / b);
    }

    /**
     * Every completed sync triggers its account once more (as a push would), so each key syncs back to back as fast
     * as the pipeline and the limiter allow, and the trigger load is one enqueue per sync — part of what is measured.
     */
    private static double measure(RedisSyncQueue queue, List<SyncKey> keys, Counting job, int seconds)
            throws InterruptedException {
        job.retrigger(queue);
        enqueueAll(queue, keys);
        Thread.sleep(1000); // let the loop reach its steady state before counting
        long before = job.completed.get();
        long started = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        double rate = (job.completed.get() - before) / ((System.nanoTime() - started) / 1e9);
        job.retrigger(null);
        return rate;
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
