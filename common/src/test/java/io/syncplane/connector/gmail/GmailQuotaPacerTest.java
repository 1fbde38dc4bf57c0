package io.syncplane.connector.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacer on a clock that moves only when it waits, so every wait is exact and nothing sleeps. */
class GmailQuotaPacerTest {

    private final MutableClock clock = MutableClock.startingAt("2026-11-21T10:00:00Z");
    private final List<Duration> waits = new ArrayList<>();
    private final GmailQuotaPacer pacer = new GmailQuotaPacer(100, clock, wait -> {
        waits.add(wait);
        clock.advance(wait);
    });

    @Test
    void requests_within_the_budget_go_at_once() throws InterruptedException {
        pacer.acquire(1, 50);
        pacer.acquire(1, 50);

        assertThat(waits).isEmpty();
    }

    @Test
    void a_request_beyond_the_budget_waits_until_enough_of_the_last_second_has_expired() throws InterruptedException {
        pacer.acquire(1, 60);
        clock.advance(Duration.ofMillis(300));
        pacer.acquire(1, 30);
        clock.advance(Duration.ofMillis(100));

        pacer.acquire(1, 50);

        // 60 + 30 + 50 > 100: the 60 booked at 0 ms must leave the window first, at 1000 ms; now is 400 ms
        assertThat(waits).containsExactly(Duration.ofMillis(600));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-21T10:00:01Z"));
    }

    @Test
    void no_one_second_interval_ever_holds_more_than_the_budget() throws InterruptedException {
        List<Instant> times = new ArrayList<>();
        List<Integer> costs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int cost = 1 + (i * 7) % 40;
            pacer.acquire(1, cost);
            times.add(clock.instant());
            costs.add(cost);
            clock.advance(Duration.ofMillis((i * 13) % 50));
        }

        for (int start = 0; start < times.size(); start++) {
            int sum = 0;
            for (int j = start; j < times.size() && times.get(j).isBefore(times.get(start).plusSeconds(1)); j++) {
                sum += costs.get(j);
            }
            assertThat(sum).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void connections_have_budgets_of_their_own() throws InterruptedException {
        pacer.acquire(1, 100);
        pacer.acquire(2, 100);

        assertThat(waits).isEmpty();
    }

    @Test
    void a_request_dearer_than_the_whole_budget_waits_for_an_empty_window_and_goes_alone() throws InterruptedException {
        pacer.acquire(1, 10);

        pacer.acquire(1, 250);

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void windows_of_idle_connections_are_dropped_once_many_connections_have_windows() throws InterruptedException {
        for (long connection = 1; connection <= 300; connection++) {
            pacer.acquire(connection, 1);
        }
        assertThat(pacer.windowCount()).isEqualTo(300);

        clock.advance(Duration.ofMillis(1500));
        pacer.acquire(1, 1);

        // every other window last booked 1.5 s ago; connection 1's has just booked again
        assertThat(pacer.windowCount()).isEqualTo(1);
    }
}
