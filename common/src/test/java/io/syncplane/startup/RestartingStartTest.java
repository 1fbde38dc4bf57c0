package io.syncplane.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisConnectionException;
import io.syncplane.testing.MutableClock;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

class RestartingStartTest {

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final List<Duration> pauses = new ArrayList<>();
    private final BackendWait.Sleeper sleeper = pause -> {
        pauses.add(pause);
        clock.advance(pause);
    };

    @Test
    void postgresRestartingUnderTheMigrationStartsTheServiceAgain() {
        AtomicInteger attempts = new AtomicInteger();
        ConfigurableApplicationContext started = RestartingStart.run(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new BeanCreationException("liquibase", "migration failed",
                        new SQLException("terminating connection due to administrator command", "57P01"));
            }
            return new GenericApplicationContext();
        }, Duration.ofSeconds(60), clock, sleeper);

        assertThat(started).isNotNull();
        assertThat(attempts).hasValue(3);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aPooledConnectionClosedUnderTheStartOrACleanupHidingTheRealCauseStartsAgain() {
        // what a worker died of in ./bench/run faults: Postgres stopped mid-start, and the next use of the evicted
        // pooled connection failed with HikariCP's state-less "Connection is closed"
        RuntimeException evicted = new BeanCreationException("liquibase", "migration failed",
                new SQLException("Connection is closed"));
        RuntimeException cleanup = new IllegalStateException("could not release the lock");
        cleanup.addSuppressed(new SQLException("terminating connection due to administrator command", "57P01"));
        for (RuntimeException failure : List.of(evicted, cleanup)) {
            AtomicInteger attempts = new AtomicInteger();
            assertThat(RestartingStart.run(() -> {
                if (attempts.incrementAndGet() == 1) {
                    throw failure;
                }
                return new GenericApplicationContext();
            }, Duration.ofSeconds(60), clock, sleeper)).isNotNull();
            assertThat(attempts).hasValue(2);
        }
        assertThat(RestartingStart.backendFailure(new SQLException("Connection is closed", "42000")))
                .as("only the pool's state-less message means a lost connection").isNull();
    }

    @Test
    void redisGoneWhileTheQueueConnectsStartsTheServiceAgainUntilTheTimeout() {
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException gone = new BeanCreationException("syncQueue", "cannot connect",
                new RedisConnectionException("Unable to connect to 127.0.0.1:6379", new ConnectException("refused")));

        assertThatThrownBy(() -> RestartingStart.run(() -> {
            attempts.incrementAndGet();
            throw gone;
        }, Duration.ofSeconds(10), clock, sleeper)).isSameAs(gone);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(attempts).as("no attempt starts past the timeout").hasValue(4);
    }

    @Test
    void aWrongSettingOrABackendAlreadyWaitedForEndsTheStartAtOnce() {
        RuntimeException wrong = new BeanCreationException("x", "bad",
                new InvalidSettingException("syncplane.x", "is wrong", "fix it", new ConnectException("refused")));
        RuntimeException waited = new BackendUnreachableException("Redis", "127.0.0.1:6379", "SYNCPLANE_REDIS_URI",
                Duration.ofSeconds(60), "refused");
        RuntimeException bug = new IllegalStateException("a bug");
        for (RuntimeException failure : List.of(wrong, waited, bug)) {
            assertThatThrownBy(() -> RestartingStart.run(() -> {
                throw failure;
            }, Duration.ofSeconds(60), clock, sleeper)).isSameAs(failure);
        }
        assertThat(pauses).isEmpty();
    }

    @Test
    void theTimeoutComesFromTheArgumentsOrTheDefault() {
        assertThat(RestartingStart.timeout(new String[] {"--syncplane.startup.timeout=2s"}))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(RestartingStart.timeout(new String[0])).isEqualTo(StartupChecks.DEFAULT_TIMEOUT);
    }
}
