package io.syncplane.startup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start for a backend that is not up yet, as is normal in a deployment where everything starts at once:
 * exponential backoff (250 ms doubling to 5 s), one log line per failed attempt naming the address, and after the
 * startup timeout a {@link BackendUnreachableException} that the service reports in one line.
 */
final class BackendWait {

    private static final Logger log = LoggerFactory.getLogger(BackendWait.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    /** Sleeping, separate so tests need not. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration timeout;

    BackendWait(Clock clock, Sleeper sleeper, Duration timeout) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.timeout = timeout;
    }

    void await(String backend, String address, String setting, BackendProbe probe) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            Optional<String> problem = probe.attempt();
            if (problem.isEmpty()) {
                if (attempt > 1) {
                    log.info("{} at {} answered after {} attempts", backend, address, attempt);
                }
                return;
            }
            Instant now = clock.instant();
            if (!now.plus(pause).isBefore(deadline)) {
                throw new BackendUnreachableException(backend, address, setting, timeout, problem.get());
            }
            log.warn("Waiting for {} at {} ({}): attempt {}, next in {} ms, giving up {} s after start "
                            + "(syncplane.startup.timeout)", backend, address, problem.get(), attempt, pause.toMillis(),
                    timeout.toSeconds());
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendUnreachableException(backend, address, setting,
                        Duration.between(start, clock.instant()), "interrupted while waiting");
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }
}
