package io.syncplane.sync;

import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncState;
import java.time.Duration;

/**
 * How soon after a successful run the next poll of its source is due. Asked when the run completes, not when it
 * starts, because the answer may depend on what the run found (push status weighs changes that arrived unannounced).
 */
@FunctionalInterface
public interface PollSchedule {

    /**
     * @param completing the run's ledger row, still syncing
     * @param thisRun    what this run added, updated and deleted
     */
    Duration intervalAfter(SyncState completing, SyncCounts thisRun);

    static PollSchedule fixed(Duration interval) {
        return (completing, thisRun) -> interval;
    }
}
