package io.syncplane.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.TestBackends;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisTimeClockTest {

    @Test
    void followsRedisEvenWhenTheLocalClockIsWrong() {
        Clock anHourBehind = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        try (RedisNamespace namespace = TestBackends.newRedisNamespace();
             StatefulRedisConnection<String, String> connection = namespace.client().connect()) {
            RedisTimeClock clock = RedisTimeClock.start(connection, anHourBehind, Duration.ofSeconds(5));

            assertThat(clock.offset()).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
            List<String> time = connection.sync().time();
            Instant redisNow = Instant.ofEpochSecond(Long.parseLong(time.get(0)), Long.parseLong(time.get(1)) * 1_000);
            assertThat(Duration.between(redisNow, clock.instant()).abs()).isLessThan(Duration.ofMillis(250));

            Clock inParis = clock.withZone(ZoneId.of("Europe/Paris"));
            assertThat(inParis.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
            assertThat(Duration.between(clock.instant(), inParis.instant()).abs()).isLessThan(Duration.ofMillis(250));
        }
    }
}
