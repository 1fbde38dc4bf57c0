package io.syncplane.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed run again: an explicit retry time from Google comes first; otherwise exponential backoff with
 * full jitter, capped (a uniformly random delay between zero and {@code min(cap, base * 2^(failures - 1))}). Full
 * jitter spreads the retries of many connections that failed together (a Google incident, a Redis restart) instead
 * of bringing them back in lock step.
 */
public final class BackoffPolicy {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    public BackoffPolicy(Duration base, Duration cap, RandomGenerator random) {
        this.base = Objects.requireNonNull(base, "base");
        this.cap = Objects.requireNonNull(cap, "cap");
        this.random = Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap: " + base + ", " + cap);
        }
    }

    /** Google's guidance: start around a second, cap at about a minute (32-64 s). */
    public static BackoffPolicy googleDefaults(RandomGenerator random) {
        return new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(64), random);
    }

    /** The ceiling of the random delay after {@code failures} consecutive failures (1 for the first). */
    public Duration ceilingAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures start at 1: " + failures);
        }
        int doublings = Math.min(failures - 1, 40);
        long baseMillis = base.toMillis();
        long ceiling = baseMillis > (cap.toMillis() >> doublings) ? cap.toMillis() : baseMillis << doublings;
        return Duration.ofMillis(Math.min(ceiling, cap.toMillis()));
    }

    /** A random delay in {@code [0, ceilingAfter(failures)]}. */
    public Duration delayAfter(int failures) {
        return Duration.ofMillis(random.nextLong(ceilingAfter(failures).toMillis() + 1));
    }

    /**
     * When to retry after {@code failures} consecutive failures: Google's explicit time if it gave one (never earlier
     * than now), else now plus {@link #delayAfter}.
     */
    public Instant nextAttemptAt(int failures, Instant now, Optional<Instant> explicitRetryAt) {
        if (explicitRetryAt.isPresent()) {
            Instant explicit = explicitRetryAt.get();
            return explicit.isAfter(now) ? explicit : now;
        }
        return now.plus(delayAfter(failures));
    }
}
