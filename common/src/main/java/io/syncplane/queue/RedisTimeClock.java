package io.syncplane.queue;

import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that follows Redis's: the local clock plus an offset measured with Redis TIME. The queue's scripts take
 * "now" from the caller, so workers whose clocks disagree would disagree on leases, backoff and the limiter; giving
 * every process this clock makes Redis the one reference without a round trip per reading. {@link #instant()} never
 * does I/O: call {@link #resync()} periodically (say every minute) to follow drift.
 */
public final class RedisTimeClock extends Clock {

    private final StatefulRedisConnection<String, String> connection;
    private final Clock local;
    private final Duration timeout;
    private final AtomicLong offsetNanos;
    private final ZoneId zone;

    private RedisTimeClock(StatefulRedisConnection<String, String> connection, Clock local, Duration timeout,
                           AtomicLong offsetNanos, ZoneId zone) {
        this.connection = connection;
        this.local = local;
        this.timeout = timeout;
        this.offsetNanos = offsetNanos;
        this.zone = zone;
    }

    /** Measures the offset once now; the connection stays the caller's to close. */
    public static RedisTimeClock start(StatefulRedisConnection<String, String> connection, Clock local,
                                       Duration timeout) {
        RedisTimeClock clock = new RedisTimeClock(Objects.requireNonNull(connection), Objects.requireNonNull(local),
                Objects.requireNonNull(timeout), new AtomicLong(), ZoneOffset.UTC);
        clock.resync();
        return clock;
    }

    /**
     * Measures the offset again, assuming Redis read its time halfway through the round trip. Throws
     * {@link QueueUnavailableException} when Redis cannot answer; the old offset stays in use.
     */
    public Duration resync() {
        long before = epochNanos(local.instant());
        CompletableFuture<List<String>> time = connection.async().time().toCompletableFuture();
        List<String> reply = RedisCalls.await(time, timeout, "TIME");
        long after = epochNanos(local.instant());
        long redisNanos = Long.parseLong(reply.get(0)) * 1_000_000_000L + Long.parseLong(reply.get(1)) * 1_000L;
        offsetNanos.set(redisNanos - (before + (after - before) / 2));
        return offset();
    }

    /** Redis time minus local time, as last measured. */
    public Duration offset() {
        return Duration.ofNanos(offsetNanos.get());
    }

    @Override
    public Instant instant() {
        return local.instant().plusNanos(offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same clock (sharing its offset and resyncs) reporting another zone. */
    @Override
    public Clock withZone(ZoneId newZone) {
        return new RedisTimeClock(connection, local, timeout, offsetNanos, Objects.requireNonNull(newZone));
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
