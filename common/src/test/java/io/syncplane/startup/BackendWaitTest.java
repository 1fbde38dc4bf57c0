package io.syncplane.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackendWaitTest {

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final List<Duration> pauses = new ArrayList<>();
    private final BackendWait wait = new BackendWait(clock, pause -> {
        pauses.add(pause);
        clock.advance(pause);
    }, Duration.ofSeconds(20));

    @Test
    void waits_with_doubling_pauses_until_the_backend_answers() {
        AtomicInteger attempts = new AtomicInteger();
        wait.await("Redis", "127.0.0.1:6379", "syncplane.redis.uri",
                () -> attempts.incrementAndGet() < 4 ? Optional.of("connection refused") : Optional.empty());
        assertThat(attempts).hasValue(4);
        assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void gives_up_after_the_timeout_naming_the_address() {
        assertThatThrownBy(() -> wait.await("Postgres", "db:5432", "spring.datasource.url",
                () -> Optional.of("connection refused")))
                .isInstanceOf(BackendUnreachableException.class)
                .hasMessage("Postgres at db:5432 did not answer within 20 s (connection refused)");
        assertThat(pauses).allMatch(pause -> pause.compareTo(Duration.ofSeconds(5)) <= 0);
        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void a_wrong_setting_is_not_waited_for() {
        assertThatThrownBy(() -> wait.await("Postgres", "db:5432", "spring.datasource.url", () -> {
            throw new InvalidSettingException("spring.datasource.url", "database \"x\" does not exist", "create it");
        })).isInstanceOf(InvalidSettingException.class);
        assertThat(pauses).isEmpty();
    }
}
