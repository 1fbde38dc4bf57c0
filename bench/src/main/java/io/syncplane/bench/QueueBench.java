package io.syncplane.bench;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.queue.ClaimedJob;
import io.syncplane.queue.EnqueueOutcome;
import io.syncplane.queue.EnqueueRequest;
import io.syncplane.queue.QueueSettings;
import io.syncplane.queue.RateLimitPolicy;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.queue.Settlement;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of the queue benchmark: no-op jobs through enqueue, claim and ack, limiter on, every job a distinct
 * connection (so each bucket allows its job and the figure measures queue overhead, not throttling). Prints one JSON
 * line; exits non-zero only when it could not measure (Redis unreachable, or the queue lost or doubled a job).
 *
 * <p>Usage: {@code QueueBench [jobs=50000] [concurrency=50] [workers=2] [redisUri=redis://127.0.0.1:6379]}. The
 * concurrency is the number of jobs in flight at once, like BullMQ's worker concurrency; it is split over
 * {@code workers} claim loops, each with a queue (connection) of its own, as separate worker processes would be.
 */
public final class QueueBench {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int ENQUEUE_BATCH = 1_000;

    /**
     * Full-size runs before the measured one. One was not enough: at 50,000 jobs the client still spent 30 us of CPU
     * per job (C2 compiling the claim and reply paths on the cores Redis needs), against 5 us once warm, so the
     * figure measured the JIT rather than the queue. A worker process runs for days; three runs settle the JIT.
     */
    private static final int WARMUP_RUNS = Integer.getInteger("queue.bench.warmups", 3);

    private final int jobs;
    private final int concurrency;
    private final int workers;
    private final RedisClient client;
    private final QueueSettings defaults = QueueSettings.defaults();

    private QueueBench(int jobs, int concurrency, int workers, RedisClient client) {
        this.jobs = jobs;
        this.concurrency = concurrency;
        this.workers = workers;
        this.client = client;
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String uri = args.length > 3 ? args[3] : "redis://127.0.0.1:6379";
        RedisClient client = RedisClient.create(uri);
        client.setOptions(RedisSyncQueue.recommendedClientOptions(Duration.ofSeconds(10)));
        try {
            QueueBench bench = new QueueBench(jobs, concurrency, workers, client);
            // Full-size warm-up runs first, so the JIT is done compiling before the measured run (on two cores its
            // compiler threads would otherwise take CPU from Redis mid-measurement); services run warm too.
            for (int w = 0; w < WARMUP_RUNS; w++) {
                bench.run(jobs, 1 + (long) w * jobs);
            }
            Result result = bench.run(jobs, 1_000_000_000L);
            System.out.println(result.json(bench));
        } catch (Exception e) {
            System.err.println("queue bench could not measure: " + e);
            e.printStackTrace();
            System.exit(2);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private Result run(int count, long firstConnectionId) throws Exception {
        String prefix = "bench:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        QueueSettings settings = defaults.withKeyPrefix(prefix);
        List<SyncQueue> queues = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            for (int w = 0; w < workers; w++) {
                queues.add(RedisSyncQueue.connect(client, settings, Clock.systemUTC()));
            }
            double cpu0 = redisCpuSeconds();
            long jvm0 = jvmCpuNanos();
            long enqueueNanos = enqueue(queues.get(0), count, firstConnectionId);
            double cpu1 = redisCpuSeconds();
            long jvm1 = jvmCpuNanos();
            long processNanos = process(queues, threads, count);
            double cpu2 = redisCpuSeconds();
            long jvm2 = jvmCpuNanos();
            System.err.printf(Locale.ROOT, "queue bench: %d jobs, client cpu us/job: enqueue %.1f, claim+ack %.1f%n",
                    count, (jvm1 - jvm0) / 1e3 / count, (jvm2 - jvm1) / 1e3 / count);
            if (queues.get(0).stats().size() != 0) {
                throw new IllegalStateException("entries left in the queue after every job was acked");
            }
            return new Result(count, enqueueNanos, processNanos, (cpu1 - cpu0) * 1e6 / count,
                    (cpu2 - cpu1) * 1e6 / count);
        } finally {
            threads.shutdownNow();
            queues.forEach(SyncQueue::close);
            deleteKeys(prefix);
        }
    }

    private long enqueue(SyncQueue queue, int count, long firstConnectionId) {
        long start = System.nanoTime();
        Instant now = Instant.now();
        for (int from = 0; from < count; from += ENQUEUE_BATCH) {
            List<EnqueueRequest> batch = new ArrayList<>(ENQUEUE_BATCH);
            for (int i = from; i < Math.min(count, from + ENQUEUE_BATCH); i++) {
                batch.add(new EnqueueRequest(new SyncKey(firstConnectionId + i, Source.GMAIL), SyncTrigger.SCHEDULE,
                        SyncMode.INCREMENTAL, now));
            }
            for (EnqueueOutcome outcome : queue.enqueueAll(batch)) {
                if (outcome != EnqueueOutcome.ENQUEUED) {
                    throw new IllegalStateException("expected every job to be new, got " + outcome);
                }
            }
        }
        return System.nanoTime() - start;
    }

    private long process(List<SyncQueue> queues, ExecutorService threads, int count) throws Exception {
        AtomicInteger acked = new AtomicInteger();
        int perWorker = Math.max(1, concurrency / workers);
        long start = System.nanoTime();
        List<Future<Integer>> loops = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            SyncQueue queue = queues.get(w);
            String workerId = "bench-" + w;
            loops.add(threads.submit(() -> {
                // A worker loop as the worker service runs it: the acks of one batch travel with the next claim.
                int mine = 0;
                CompletableFuture<List<Settlement>> acks = CompletableFuture.completedFuture(List.of());
                while (acked.get() < count) {
                    List<ClaimedJob> claimed = queue.claim(workerId, perWorker, LEASE);
                    mine += checkDone(acks.join());
                    if (claimed.isEmpty()) {
                        acks = CompletableFuture.completedFuture(List.of());
                        Thread.onSpinWait();
                        continue;
                    }
                    // The no-op job runs here.
                    acks = queue.ackAllAsync(claimed);
                    acks = acks.thenApply(settlements -> {
                        acked.addAndGet(settlements.size());
                        return settlements;
                    });
                }
                mine += checkDone(acks.join());
                return mine;
            }));
        }
        int total = 0;
        for (Future<Integer> loop : loops) {
            total += loop.get();
        }
        long elapsed = System.nanoTime() - start;
        if (total != count) {
            throw new IllegalStateException("acked " + total + " jobs, enqueued " + count);
        }
        return elapsed;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU seconds the Redis server has used so far. Wall-clock figures on a shared machine move with its load; the
     * server's CPU per job is what the queue's design decides.
     */
    private double redisCpuSeconds() {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            double total = 0;
            for (String line : connection.sync().info("cpu").split("\\r?\\n")) {
                if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                    total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return total;
        }
    }

    private static int checkDone(List<Settlement> settlements) {
        for (Settlement settlement : settlements) {
            if (settlement != Settlement.DONE) {
                throw new IllegalStateException("ack answered " + settlement);
            }
        }
        return settlements.size();
    }

    private void deleteKeys(String prefix) {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor,
                        ScanArgs.Builder.matches(prefix + "*").limit(5_000));
                if (!page.getKeys().isEmpty()) {
                    connection.sync().unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
    }

    private record Result(int jobs, long enqueueNanos, long processNanos, double enqueueRedisCpuMicros,
                          double processRedisCpuMicros) {

        double enqueuePerSecond() {
            return jobs / (enqueueNanos / 1e9);
        }

        double processPerSecond() {
            return jobs / (processNanos / 1e9);
        }

        /** Through all three steps: the enqueue time counts too. */
        double jobsPerSecond() {
            return jobs / ((enqueueNanos + processNanos) / 1e9);
        }

        String json(QueueBench bench) {
            RateLimitPolicy.Rate rate = bench.defaults.rateLimits().fallback();
            return String.format(Locale.ROOT,
                    "{\"impl\":\"syncplane-queue\",\"jobs\":%d,\"distinct_connections\":%d,\"concurrency\":%d,"
                            + "\"workers\":%d,\"warmup_runs\":%d,\"partitions\":%d,"
                            + "\"limiter\":\"on: %s/s burst %d per connection, max %d running per connection\","
                            + "\"jobs_per_s\":%d,\"enqueue_per_s\":%d,"
                            + "\"process_per_s\":%d,\"redis_cpu_us_per_job\":{\"enqueue\":%.1f,"
                            + "\"claim_and_ack\":%.1f}}",
                    jobs, jobs, bench.concurrency, bench.workers, WARMUP_RUNS, bench.defaults.partitions(),
                    stripZeros(rate.permitsPerSecond()), rate.burst(), bench.defaults.maxRunningPerConnection(),
                    Math.round(jobsPerSecond()), Math.round(enqueuePerSecond()), Math.round(processPerSecond()),
                    enqueueRedisCpuMicros, processRedisCpuMicros);
        }

        private static String stripZeros(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
    }
}
