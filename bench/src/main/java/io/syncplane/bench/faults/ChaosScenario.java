package io.syncplane.bench.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * The randomized scenario: while the emulator's activity mutates users, the seeded schedule's faults are injected
 * one after another at their times (a fault that is due while the previous one is still being put back waits for
 * it). Returns when the window is over; the last fault ended at {@link #lastFaultEnded()}.
 */
final class ChaosScenario {

    private final FaultActions actions;
    private Instant lastFaultEnded;

    ChaosScenario(FaultActions actions) {
        this.actions = actions;
    }

    void run(FaultSchedule schedule, Duration window) throws Exception {
        Instant start = Instant.now();
        for (FaultSchedule.Entry entry : schedule.entries()) {
            Commands.sleep(Duration.between(Instant.now(), start.plus(entry.at())).toMillis());
            actions.inject(entry.kind(), entry.seed());
            lastFaultEnded = Instant.now();
        }
        Commands.sleep(Duration.between(Instant.now(), start.plus(window)).toMillis());
    }

    Instant lastFaultEnded() {
        return lastFaultEnded;
    }
}
