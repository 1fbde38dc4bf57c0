package io.syncplane.queue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@link SyncQueue} on Redis, as hand-written Lua scripts run through Lettuce.
 *
 * <p>Why our own scripts rather than a queue library (design brief, decision 2): the queue's rules — one entry per
 * (connection, source), at most one running and one pending, a limiter and a concurrency cap checked inside the claim
 * so a throttled connection never reaches a worker — each need several keys read and written atomically. A library
 * would give us jobs, not entries, and check limits after handing the job out. One script per operation keeps every
 * rule atomic in a single round trip, and batches (claim many, ack many, enqueue many) keep round trips per job far
 * below one.
 *
 * <p>"Now" comes from the injected {@link Clock}, not Redis TIME, so tests move time; in production all processes must
 * share a sane clock (NTP), or use {@link RedisTimeClock}. One instance holds one connection and is thread-safe; two
 * instances behave like two worker processes. See the package documentation for key layout and scaling.
 */
public final class RedisSyncQueue implements SyncQueue {

    private final StatefulConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final QueueSettings settings;
    private final QueueKeys keys;
    private final Clock clock;
    private final QueueScripts scripts = QueueScripts.INSTANCE;
    /**
     * An entry runs at most once at a time, so a connection never runs more jobs than it has sources: a cap at or
     * above that cannot bind, and the scripts then skip counting running jobs (two record writes per job).
     */
    private final boolean runsCounted;
    private final ClaimArguments claimArguments;
    /**
     * Due entries stats examines per partition for the runnable count (bounded, so a scrape's script stays in the low
     * milliseconds however deep the queue); beyond it the count is scaled from the sample (stats.lua).
     */
    static final int RUNNABLE_SCAN_LIMIT = 500;
    private final AtomicInteger nextPartition = new AtomicInteger();
    /** This process found the queue missing in Redis when it started: {@link #claimRebuild} answers true once. */
    private final AtomicBoolean setUpHere = new AtomicBoolean();
    private final PartitionBatch<EnqueueRequest, EnqueueOutcome> enqueues;

    private RedisSyncQueue(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> redis,
                           QueueSettings settings, Clock clock) {
        this.connection = connection;
        this.redis = redis;
        this.settings = settings;
        this.keys = new QueueKeys(settings.keyPrefix(), settings.partitions());
        this.clock = clock;
        this.runsCounted = settings.maxRunningPerConnection() < Source.values().length;
        this.claimArguments = new ClaimArguments(settings, runsCounted);
        this.nextPartition.set(Math.floorMod(claimArguments.instanceSeed(), settings.partitions()));
        this.enqueues = new PartitionBatch<>(keys, scripts.enqueue, EnqueueRequest::key, RedisSyncQueue::enqueueArgs,
                ScriptReplies::enqueueOutcome);
    }

    /**
     * Opens a connection of its own on {@code client} and checks the partition count against Redis. Give the client
     * {@link #recommendedClientOptions(Duration)} first, so calls fail fast while Redis is away.
     */
    public static RedisSyncQueue connect(RedisClient client, QueueSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        StatefulRedisConnection<String, String> connection;
        try {
            connection = client.connect();
        } catch (RedisException e) {
            throw new QueueUnavailableException("cannot connect to Redis: " + e.getMessage(), e);
        }
        return checked(new RedisSyncQueue(connection, connection.async(), settings, clock));
    }

    /**
     * The same queue on a Redis Cluster. Every script call names only keys of one partition, which share a hash tag
     * and so one slot: the cluster client sends it to the node that owns the slot, and partitions spread over the
     * shards. Give the client {@link #recommendedClusterClientOptions(Duration)} first.
     */
    public static RedisSyncQueue connect(RedisClusterClient client, QueueSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        StatefulRedisClusterConnection<String, String> connection;
        try {
            connection = client.connect();
        } catch (RedisException e) {
            throw new QueueUnavailableException("cannot connect to the Redis Cluster: " + e.getMessage(), e);
        }
        return checked(new RedisSyncQueue(connection, connection.async(), settings, clock));
    }

    private static RedisSyncQueue checked(RedisSyncQueue queue) {
        try {
            queue.checkPartitionCount();
        } catch (RuntimeException e) {
            queue.connection.close();
            throw e;
        }
        return queue;
    }

    /**
     * Options for the client the queue connects with: reconnect on its own, and reject calls while disconnected
     * instead of buffering them, so callers get {@link QueueUnavailableException} at once and back off. Rejecting also
     * fails a script that was in flight when the connection dropped instead of replaying it after the reconnect (it
     * may have run, and running a claim or settle twice is worse than telling the caller we do not know; see
     * RedisOutageTest). Stuck calls time out.
     */
    public static ClientOptions recommendedClientOptions(Duration commandTimeout) {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build();
    }

    /**
     * {@link #recommendedClientOptions(Duration)} for a cluster, plus topology refresh: on MOVED/ASK redirects and
     * reconnects (a failover, a resharding) and every 30 s, so calls reach a slot's new owner without a restart.
     */
    public static ClusterClientOptions recommendedClusterClientOptions(Duration commandTimeout) {
        return ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .build())
                .build();
    }

    @Override
    public List<EnqueueOutcome> enqueueAll(List<EnqueueRequest> requests) {
        List<String> head = List.of(Long.toString(clock.millis()), Long.toString(settings.pushDebounce().toMillis()),
                runsCounted ? "1" : "0");
        return await(enqueues.run(redis, requests, head, settings.commandTimeout(), "enqueue"), "enqueue");
    }

    private static void enqueueArgs(EnqueueRequest request, List<String> args) {
        args.add(request.key().asString());
        args.add(Integer.toString(request.lane().ordinal()));
        args.add(request.trigger().id());
        args.add(request.mode().id());
        args.add(Long.toString(request.dueAt().toEpochMilli()));
        args.add(request.trigger() == SyncTrigger.PUSH ? "1" : "0");
    }

    /**
     * Asks the partitions one after the other until {@code max} jobs are found or every partition was asked once.
     * The next call starts after the last partition that had work: round robin over the partitions with work, so a
     * partition that follows empty ones gets no extra share. With work everywhere that is one round trip; an idle
     * queue costs one per partition.
     */
    @Override
    public List<ClaimedJob> claim(String workerId, int max, Duration leaseFor) {
        Objects.requireNonNull(workerId, "workerId");
        if (workerId.indexOf('|') >= 0) {
            throw new IllegalArgumentException("workerId must not contain '|' (the records' separator): " + workerId);
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        Instant now = clock.instant();
        String[] args = claimArguments.newCall(now.toEpochMilli(), leaseFor, workerId);
        String callTokenBase = args[5];
        List<ClaimedJob> claimed = new ArrayList<>(max);
        int start = nextPartition.get();
        for (int i = 0; i < keys.partitions() && claimed.size() < max; i++) {
            int p = Math.floorMod(start + i, keys.partitions());
            String partitionTokenBase = ClaimArguments.forPartition(args, keys.partitionPrefix(p), p, callTokenBase,
                    max - claimed.size());
            Object reply = await(scripts.claim.run(redis, ScriptOutputType.MULTI, keys.fixedKeys(p), args), "claim");
            int before = claimed.size();
            ScriptReplies.claims(ScriptReplies.list(reply), partitionTokenBase, workerId, now, claimed);
            if (claimed.size() > before) {
                nextPartition.set(p + 1);
            }
        }
        return claimed;
    }

    @Override
    public LeaseStatus heartbeat(ClaimedJob job, Duration leaseFor) {
        int p = keys.partitionOf(job.key());
        Object reply = await(scripts.heartbeat.run(redis, ScriptOutputType.VALUE, keys.fixedKeys(p),
                keys.partitionPrefix(p), Long.toString(clock.millis()), job.key().asString(), job.leaseToken(),
                Long.toString(leaseFor.toMillis()), runsCounted ? "1" : "0"), "heartbeat");
        return ScriptReplies.leaseStatus(reply);
    }

    @Override
    public CompletableFuture<List<Settlement>> ackAllAsync(List<ClaimedJob> jobs) {
        return settleAsync(jobs, job -> new String[] {"ack", job.key().asString(), job.leaseToken()});
    }

    @Override
    public Settlement ackAndSchedule(ClaimedJob job, Instant nextRunAt) {
        String lane = Integer.toString(Lane.of(SyncTrigger.SCHEDULE, SyncMode.INCREMENTAL).ordinal());
        return settle(List.of(job), j -> new String[] {"next", j.key().asString(), j.leaseToken(),
                Long.toString(nextRunAt.toEpochMilli()), lane, SyncMode.INCREMENTAL.id()}).get(0);
    }

    @Override
    public Settlement retry(ClaimedJob job, String error, Instant retryAt) {
        String message = error == null || error.isBlank() ? "unknown error" : error;
        return settle(List.of(job), j -> new String[] {"retry", j.key().asString(), j.leaseToken(), message,
                Long.toString(retryAt.toEpochMilli())}).get(0);
    }

    @Override
    public Settlement rateLimited(ClaimedJob job, Instant until) {
        double tolerance = settings.rateLimits().rateFor(job.key().source()).burstToleranceMillis();
        return settle(List.of(job), j -> new String[] {"limit", j.key().asString(), j.leaseToken(),
                Long.toString(until.toEpochMilli()), Long.toString(Math.round(tolerance))}).get(0);
    }

    @Override
    public Settlement defer(ClaimedJob job, Instant until) {
        return settle(List.of(job), j -> new String[] {"defer", j.key().asString(), j.leaseToken(),
                Long.toString(until.toEpochMilli())}).get(0);
    }

    @Override
    public Settlement release(ClaimedJob job) {
        return settle(List.of(job), j -> new String[] {"release", j.key().asString(), j.leaseToken()}).get(0);
    }

    private List<Settlement> settle(List<ClaimedJob> jobs, Function<ClaimedJob, String[]> tuple) {
        return await(settleAsync(jobs, tuple), "settle");
    }

    /** One settle script per partition the jobs live in, all sent before any answer is awaited. */
    private CompletableFuture<List<Settlement>> settleAsync(List<ClaimedJob> jobs,
                                                            Function<ClaimedJob, String[]> tuple) {
        List<String> head = List.of(Long.toString(clock.millis()), Integer.toString(settings.deadLetterAfter()),
                runsCounted ? "1" : "0");
        PartitionBatch<ClaimedJob, Settlement> settles = new PartitionBatch<>(keys, scripts.settle, ClaimedJob::key,
                (job, args) -> args.addAll(Arrays.asList(tuple.apply(job))), ScriptReplies::settlement);
        return settles.run(redis, jobs, head, settings.commandTimeout(), "settle");
    }

    @Override
    public List<ReclaimedLease> reclaimExpiredLeases(int max) {
        List<ReclaimedLease> reclaimed = new ArrayList<>();
        String now = Long.toString(clock.millis());
        for (int p = 0; p < keys.partitions() && reclaimed.size() < max; p++) {
            Object reply = await(scripts.reclaim.run(redis, ScriptOutputType.MULTI, keys.fixedKeys(p),
                    keys.partitionPrefix(p), now, Integer.toString(max - reclaimed.size()),
                    Integer.toString(settings.deadLetterAfter()), runsCounted ? "1" : "0"), "reclaim");
            ScriptReplies.reclaimed(ScriptReplies.list(reply), reclaimed);
        }
        return reclaimed;
    }

    /** Each partition's newest {@code offset + limit}, merged; dead letters are few, so this stays cheap. */
    @Override
    public DeadLetterPage deadLetters(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1: " + offset + ", " + limit);
        }
        String now = Long.toString(clock.millis());
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int p = 0; p < keys.partitions(); p++) {
            replies.add(scripts.deadLetters.run(redis, ScriptOutputType.MULTI, keys.fixedKeys(p),
                    keys.partitionPrefix(p), now, Integer.toString(offset + limit)));
        }
        List<DeadLetter> all = new ArrayList<>();
        long total = 0;
        for (CompletableFuture<Object> reply : replies) {
            total += ScriptReplies.deadLetters(ScriptReplies.list(await(reply, "dead letters")), all);
        }
        all.sort(Comparator.comparing(DeadLetter::deadSince).reversed()
                .thenComparing(letter -> letter.key().asString()));
        List<DeadLetter> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        return new DeadLetterPage(page, total);
    }

    @Override
    public boolean redrive(SyncKey key) {
        int p = keys.partitionOf(key);
        Object reply = await(scripts.redrive.run(redis, ScriptOutputType.INTEGER, keys.fixedKeys(p),
                keys.partitionPrefix(p), Long.toString(clock.millis()), key.asString()), "redrive");
        return Long.valueOf(1L).equals(reply);
    }

    @Override
    public QueueStats stats() {
        String[] args = claimArguments.statsCall(clock.millis(), RUNNABLE_SCAN_LIMIT);
        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int p = 0; p < keys.partitions(); p++) {
            String[] partitionArgs = args.clone();
            partitionArgs[0] = keys.partitionPrefix(p);
            replies.add(scripts.stats.run(redis, ScriptOutputType.MULTI, keys.fixedKeys(p), partitionArgs));
        }
        List<List<Object>> perPartition = new ArrayList<>();
        for (CompletableFuture<Object> reply : replies) {
            perPartition.add(ScriptReplies.list(await(reply, "stats")));
        }
        return ScriptReplies.stats(perPartition);
    }

    @Override
    public void close() {
        connection.close();
    }

    /**
     * The partition-count key is written once when a queue is set up in a Redis; gone means Redis lost everything. A
     * process that finds it missing as it starts (it set the queue up: a new deployment, or Redis came back empty while
     * it was starting) owns that rebuild too, or a worker started during a Redis outage would hide the loss from the
     * others.
     */
    @Override
    public boolean claimRebuild() {
        if (setUpHere.getAndSet(false)) {
            return true;
        }
        String set = await(redis.set(keys.partitionCountKey(), Integer.toString(keys.partitions()),
                SetArgs.Builder.nx()).toCompletableFuture(), "rebuild check");
        return "OK".equals(set);
    }

    private void checkPartitionCount() {
        String key = keys.partitionCountKey();
        String mine = Integer.toString(keys.partitions());
        String set = await(redis.set(key, mine, SetArgs.Builder.nx()).toCompletableFuture(), "partition check");
        setUpHere.set("OK".equals(set));
        String stored = await(redis.get(key).toCompletableFuture(), "partition check");
        if (stored != null && !stored.equals(mine)) {
            throw new IllegalStateException("the queue under '" + settings.keyPrefix() + "' has " + stored
                    + " partitions in Redis, this process is configured with " + mine
                    + "; use the same count everywhere (to change it, delete the queue keys and let the stale-sync"
                    + " scanner rebuild the queue)");
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        return RedisCalls.await(future, settings.commandTimeout(), what);
    }
}
