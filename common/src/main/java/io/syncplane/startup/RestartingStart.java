package io.syncplane.startup;

import io.syncplane.queue.QueueUnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts a service again when a backend goes away in the middle of its start: Postgres restarting under Liquibase's
 * migration, Redis restarting while the queue connects. The start-up checks wait for both before the context starts,
 * but one that fails halfway would otherwise end the process for good (found by {@code ./bench/run faults}). Starts
 * again with backoff until the startup timeout after the first attempt; a misconfiguration, or a backend still away
 * at the deadline, ends the process with its one line as before.
 */
public final class RestartingStart {

    private static final Logger log = LoggerFactory.getLogger(RestartingStart.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final String HIKARI_CLOSED = "Connection is closed";

    /** One attempt to start the service. */
    @FunctionalInterface
    interface Attempt {
        ConfigurableApplicationContext start();
    }

    private RestartingStart() {
    }

    /** {@code SpringApplication.run(application, args)}, started again after a backend failure mid-start. */
    public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
        return run(() -> SpringApplication.run(application, args), timeout(args), Clock.systemUTC(),
                BackendWait.Sleeper.THREAD);
    }

    static ConfigurableApplicationContext run(Attempt attempt, Duration timeout, Clock clock,
                                              BackendWait.Sleeper sleeper) {
        Instant deadline = clock.instant().plus(timeout);
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return attempt.start();
            } catch (RuntimeException e) {
                Throwable backend = backendFailure(e);
                if (backend == null || !clock.instant().plus(pause).isBefore(deadline)) {
                    throw e;
                }
                log.warn("A backend went away while starting ({}); starting again in {} s, until {} s after the first "
                        + "attempt (syncplane.startup.timeout)", backend, pause.toSeconds(), timeout.toSeconds());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /**
     * The cause that says a backend was lost (a connection refused or closed, Postgres shutting down), or null when
     * the failure is anything else: a wrong setting is not fixed by starting again, and a backend the start-up checks
     * already waited the whole timeout for is not either.
     */
    static Throwable backendFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException || t instanceof BackendUnreachableException) {
                return null;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Throwable lost = lostBackend(t);
            if (lost != null) {
                return lost;
            }
            // cleanup that failed on the dead connection (a rollback, a close) may carry the real cause suppressed
            for (Throwable suppressed : t.getSuppressed()) {
                if (lostBackend(suppressed) != null) {
                    return lostBackend(suppressed);
                }
            }
        }
        return null;
    }

    private static Throwable lostBackend(Throwable t) {
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return t;
            }
            // HikariCP's proxy for a connection it already evicted as broken answers every call with this, and no
            // SQL state (ProxyConnection.ClosedConnection); code that caught the first failure and went on using the
            // connection (Liquibase releasing its lock, a rollback) then ends the start with it instead of the 57P01
            if (state == null && HIKARI_CLOSED.equals(sql.getMessage())) {
                return t;
            }
        }
        if (t instanceof ConnectException || t instanceof QueueUnavailableException
                || t.getClass().getName().equals("io.lettuce.core.RedisConnectionException")) {
            return t;
        }
        return null;
    }

    /** {@code syncplane.startup.timeout} from the arguments, the environment or system properties. */
    static Duration timeout(String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return Binder.get(environment).bind(StartupChecks.TIMEOUT_PROPERTY, Duration.class)
                .orElse(StartupChecks.DEFAULT_TIMEOUT);
    }
}
