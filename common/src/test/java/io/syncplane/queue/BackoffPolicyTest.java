package io.syncplane.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LongSummaryStatistics;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(64),
            new SplittableRandom(7));

    @Test
    void theCeilingDoublesPerFailureUpToTheCap() {
        assertThat(policy.ceilingAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.ceilingAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceilingAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.ceilingAfter(7)).isEqualTo(Duration.ofSeconds(64));
        assertThat(policy.ceilingAfter(8)).isEqualTo(Duration.ofSeconds(64));
        assertThat(policy.ceilingAfter(Integer.MAX_VALUE)).as("no overflow").isEqualTo(Duration.ofSeconds(64));
    }

    @Test
    void delaysAreSpreadOverTheWholeRangeFullJitter() {
        LongSummaryStatistics delays = new LongSummaryStatistics();
        for (int i = 0; i < 10_000; i++) {
            delays.accept(policy.delayAfter(5).toMillis());
        }
        assertThat(delays.getMin()).isGreaterThanOrEqualTo(0).isLessThan(500);
        assertThat(delays.getMax()).isLessThanOrEqualTo(16_000).isGreaterThan(15_500);
        assertThat(delays.getAverage()).isBetween(7_600.0, 8_400.0);
    }

    @Test
    void anExplicitRetryTimeComesFirstEvenBeyondTheCap() {
        Instant googleSays = NOW.plus(Duration.ofMinutes(10));
        assertThat(policy.nextAttemptAt(1, NOW, Optional.of(googleSays))).isEqualTo(googleSays);
        assertThat(policy.nextAttemptAt(1, NOW, Optional.of(NOW.minusSeconds(5)))).as("a time already past")
                .isEqualTo(NOW);
    }

    @Test
    void withoutAnExplicitTimeTheBackoffDecides() {
        Instant next = policy.nextAttemptAt(3, NOW, Optional.empty());
        assertThat(next).isBetween(NOW, NOW.plusSeconds(4));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> policy.ceilingAfter(0)).isInstanceOf(IllegalArgumentException.class);
        SplittableRandom random = new SplittableRandom();
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
