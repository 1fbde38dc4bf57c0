package io.syncplane.worker;

import java.time.Duration;

/**
 * How long to pause claiming after Postgres or Redis failed us: doubles per failure up to a cap, back to nothing on
 * the first success. Claiming on while the ledger is away would only turn every job into an expired lease and, in
 * time, a dead letter.
 */
final class ClaimBackoff {

    private final Duration first;
    private final Duration max;
    private Duration current = Duration.ZERO;

    ClaimBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    synchronized void failed() {
        Duration next = current.isZero() ? first : current.multipliedBy(2);
        current = next.compareTo(max) > 0 ? max : next;
    }

    synchronized void succeeded() {
        current = Duration.ZERO;
    }

    synchronized Duration pause() {
        return current;
    }
}
