package io.syncplane.bench.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * The randomized scenario: while the emulator's activity mutates users, the seeded schedule's faults are injected
 * one after another at their times (a fault that is due while the previous one is still being put back waits for
 * it), so the faults may run past their window; the fault-free tail starts when the last one has ended.
 */
final class ChaosScenario {

    private final FaultActions actions;
    private Instant lastFaultEnded;

    ChaosScenario(FaultActions actions) {
        this.actions = actions;
    }

    /** Faults over their window, then {@code tail} of activity without faults after the last one has ended. */
    void run(FaultSchedule schedule, Duration window, Duration tail) throws Exception {
        Instant start = Instant.now();
        for (FaultSchedule.Entry entry : schedule.entries()) {
            Commands.sleep(Duration.between(Instant.now(), start.plus(entry.at())).toMillis());
            actions.inject(entry.kind(), entry.seed());
            lastFaultEnded = Instant.now();
        }
        Commands.sleep(Duration.between(Instant.now(), start.plus(window)).toMillis());
        Instant quietFrom = lastFaultEnded == null ? Instant.now() : lastFaultEnded;
        Commands.sleep(Duration.between(Instant.now(), quietFrom.plus(tail)).toMillis());
    }

    Instant lastFaultEnded() {
        return lastFaultEnded;
    }
}
