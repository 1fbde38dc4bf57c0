package io.syncplane.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read at most once per TTL (by the injected clock), however many gauges and scrapes ask. When a read fails
 * the last good value stays (null until there is one, which gauges report as NaN), the failure is logged once per
 * outage, and the next attempt waits for the TTL too, so a backend that is away is not hammered by scrapes.
 */
final class Cached<T> {

    private static final Logger log = LoggerFactory.getLogger(Cached.class);

    private final String what;
    private final Supplier<T> read;
    private final Duration ttl;
    private final Clock clock;
    private T value;
    private Instant readAt;
    private boolean failing;

    Cached(String what, Supplier<T> read, Duration ttl, Clock clock) {
        this.what = what;
        this.read = read;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The current value, read again if the last attempt is a TTL old; null if no read has succeeded yet. */
    synchronized T get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(ttl))) {
            readAt = now;
            try {
                value = read.get();
                if (failing) {
                    log.info("Metrics: reading {} works again", what);
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("Metrics: cannot read {}; its gauges keep their last values until it answers: {}", what,
                            e.toString());
                    failing = true;
                }
            }
        }
        return value;
    }
}
