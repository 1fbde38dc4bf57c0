package io.syncplane.queue;

import io.syncplane.domain.Source;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How fast a connection's syncs may start. Each connection has one bucket, shared by all its sources and all workers,
 * because Google's per-user quota belongs to the account and a throttle on one API usually means slow down on all.
 * The bucket is kept as GCRA (a token bucket stored as one timestamp): a claim of source s costs
 * {@code 1 / rate(s)} seconds of the connection's budget and may run up to {@code burst(s) - 1} claims ahead. With
 * every source on the same rate (the default) that is exactly a token bucket of that rate and burst per connection;
 * giving one source a lower rate makes its claims cost more of the shared budget.
 *
 * <p>In any window of W seconds a connection is allowed at most {@code rate * W + burst - 1} claims. If an exact
 * "rate + 5 % in any 10 s window" must hold, keep {@code burst - 1 <= 0.05 * rate * 10}.
 */
public record RateLimitPolicy(Rate fallback, Map<Source, Rate> perSource) {

    /** Default: one claim per second per connection, bursts of three. */
    public static final Rate DEFAULT_RATE = new Rate(1.0, 3);

    public RateLimitPolicy {
        Objects.requireNonNull(fallback, "fallback");
        perSource = Map.copyOf(perSource);
    }

    public static RateLimitPolicy defaults() {
        return uniform(DEFAULT_RATE);
    }

    public static RateLimitPolicy uniform(Rate rate) {
        return new RateLimitPolicy(rate, Map.of());
    }

    public RateLimitPolicy with(Source source, Rate rate) {
        Map<Source, Rate> copy = new EnumMap<>(Source.class);
        copy.putAll(perSource);
        copy.put(source, rate);
        return new RateLimitPolicy(fallback, copy);
    }

    public Rate rateFor(Source source) {
        return perSource.getOrDefault(source, fallback);
    }

    /** A steady rate with a burst allowance. */
    public record Rate(double permitsPerSecond, int burst) {

        public Rate {
            if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
                throw new IllegalArgumentException("permitsPerSecond must be positive and finite: " + permitsPerSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1: " + burst);
            }
        }

        /** Time between claims at the steady rate, in (fractional) milliseconds. */
        double emissionIntervalMillis() {
            return 1000.0 / permitsPerSecond;
        }

        /** How far ahead of the steady rate a burst may run, in milliseconds. */
        double burstToleranceMillis() {
            return (burst - 1) * emissionIntervalMillis();
        }
    }
}
