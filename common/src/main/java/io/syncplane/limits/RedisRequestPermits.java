package io.syncplane.limits;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.syncplane.concurrent.SlotLending;
import io.syncplane.queue.LuaScript;
import io.syncplane.queue.RedisCalls;
import io.syncplane.metrics.SyncplaneMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The per-user request budget in Redis, so it holds across any number of workers: a GCRA bucket (one timestamp) for
 * the rate and burst, a sorted set of permits in flight for the concurrency cap, and the weights of the requests that
 * wait, so a heavier one goes first. A permit in flight carries a lease: if its worker dies before the answer, the
 * slot comes back when the lease ends instead of never.
 *
 * <p>Hand-written rather than a library limiter (Bucket4j, Resilience4j): the budget must be shared by all workers,
 * combine a rate with an in-flight cap and priorities in one atomic step, and live next to the queue's keys in the
 * same Redis, which one small script does.
 */
public final class RedisRequestPermits implements RequestPermits {

    private static final LuaScript ACQUIRE = LuaScript.standalone("/io/syncplane/limits/acquire.lua");
    private static final LuaScript RELEASE = LuaScript.standalone("/io/syncplane/limits/release.lua");
    /** How long the keys of a user outlive the last request: long enough to keep the bucket's memory honest. */
    private static final Duration IDLE_TTL = Duration.ofMinutes(2);

    /** How the limiter waits; production sleeps, unit tests move a clock. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RedisScriptingAsyncCommands<String, String> redis;
    private final String keyPrefix;
    private final RequestLimits limits;
    private final Duration permitLease;
    private final Duration commandTimeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SyncplaneMetrics metrics;

    /**
     * @param redis       a standalone or a cluster connection's commands (a user's keys share one slot)
     * @param permitLease how long a permit in flight may stay unreleased (longer than any request may take: the
     *                    connect plus read timeouts)
     */
    public RedisRequestPermits(RedisScriptingAsyncCommands<String, String> redis, String keyPrefix,
                               RequestLimits limits, Duration permitLease, Duration commandTimeout, Clock clock,
                               Sleeper sleeper, SyncplaneMetrics metrics) {
        if (keyPrefix.contains("{") || keyPrefix.contains("}")) {
            throw new IllegalArgumentException("key prefix must not contain braces: " + keyPrefix);
        }
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.limits = limits;
        this.permitLease = permitLease;
        this.commandTimeout = commandTimeout;
        this.clock = clock;
        this.sleeper = sleeper;
        this.metrics = metrics;
    }

    /**
     * Sleeps the waits out, lending the worker slot of the waiting sync to other syncs meanwhile where the worker
     * allows it ({@link SlotLending}): a sync waiting for its user's next permit does no work.
     */
    public static Sleeper sleeping() {
        return SlotLending::sleep;
    }

    @Override
    public Permit acquire(long userId, double weight) throws InterruptedException {
        String id = UUID.randomUUID().toString();
        String[] keys = keys(userId);
        Instant start = clock.instant();
        Instant giveUpAt = start.plus(limits.maxWait());
        while (true) {
            Instant now = clock.instant();
            Answer answer = ask(keys, id, weight, now, giveUpAt);
            if (answer.granted()) {
                metrics.requestPermitWait(Duration.between(start, now));
                return new RedisPermit(keys, id);
            }
            Instant retryAt = now.plus(answer.delay());
            if (retryAt.isAfter(giveUpAt)) {
                forget(keys, id);
                metrics.requestBudgetExhausted(answer.reason());
                throw new RequestBudgetExhaustedException(userId, answer.reason(), retryAt);
            }
            // A little jitter so a user's waiting requests do not all come back in the same millisecond.
            sleeper.sleep(answer.delay().plusMillis(ThreadLocalRandom.current().nextLong(3)));
        }
    }

    private Answer ask(String[] keys, String id, double weight, Instant now, Instant giveUpAt) {
        long nowMs = now.toEpochMilli();
        List<Object> reply = RedisCalls.await(ACQUIRE.<List<Object>>run(redis, ScriptOutputType.MULTI,
                keys, Long.toString(nowMs), Double.toString(limits.intervalMillis()),
                Double.toString(limits.toleranceMillis()), Integer.toString(limits.maxInFlight()), id,
                Long.toString(nowMs + permitLease.toMillis()), Double.toString(weight),
                Long.toString(giveUpAt.toEpochMilli() + 1000), Long.toString(IDLE_TTL.toMillis())),
                commandTimeout, "request permit");
        return new Answer(((Long) reply.get(0)) == 1L, Duration.ofMillis((Long) reply.get(1)), (String) reply.get(2));
    }

    private void forget(String[] keys, String id) {
        RedisCalls.await(RELEASE.run(redis, ScriptOutputType.INTEGER, keys, id), commandTimeout,
                "request permit release");
    }

    /** The user's keys, all under one hash tag so one script touches one cluster slot. */
    String[] keys(long userId) {
        String user = keyPrefix + "{u" + userId + "}:req:";
        return new String[] {user + "tat", user + "inflight", user + "waiting", user + "weights"};
    }

    private record Answer(boolean granted, Duration delay, String reason) {
    }

    private final class RedisPermit implements Permit {
        private final String[] keys;
        private final String id;
        private final AtomicBoolean released = new AtomicBoolean();

        RedisPermit(String[] keys, String id) {
            this.keys = keys;
            this.id = id;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                try {
                    forget(keys, id);
                } catch (RuntimeException e) {
                    // Redis is away: the permit's lease frees the slot when it ends, so the answer is not lost.
                    released.set(true);
                }
            }
        }
    }
}
