package io.syncplane.queue;

import io.syncplane.domain.SyncKey;
import java.util.Objects;

/**
 * A lease that expired and was taken back, so the caller can record the transition in the ledger.
 *
 * @param outcome {@link Settlement#RETRY_SCHEDULED} (waiting again, due now) or {@link Settlement#DEAD_LETTERED}
 */
public record ReclaimedLease(SyncKey key, String workerId, Settlement outcome) {

    public ReclaimedLease {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(outcome, "outcome");
    }
}
