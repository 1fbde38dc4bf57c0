package io.syncplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedTest {

    private final MutableClock clock = MutableClock.startingAt("2026-12-01T00:00:00Z");
    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean failing;

    private final Cached<Integer> cached = new Cached<>("test figures", () -> {
        if (failing) {
            throw new IllegalStateException("backend away");
        }
        return reads.incrementAndGet();
    }, Duration.ofSeconds(10), clock);

    @Test
    void readsAtMostOncePerTtlHoweverOftenAsked() {
        assertThat(cached.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(9));
        assertThat(cached.get()).isEqualTo(1);
        assertThat(cached.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cached.get()).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailingReadKeepsTheLastValueAndIsNotRetriedBeforeTheTtl() {
        assertThat(cached.get()).isEqualTo(1);
        failing = true;
        clock.advance(Duration.ofSeconds(10));
        assertThat(cached.get()).as("last good value").isEqualTo(1);
        failing = false;
        clock.advance(Duration.ofSeconds(5));
        assertThat(cached.get()).as("no retry within the TTL").isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(cached.get()).isEqualTo(2);
    }

    @Test
    void nothingBeforeTheFirstGoodRead() {
        failing = true;
        assertThat(cached.get()).isNull();
    }
}
