package io.syncplane.worker.maintenance;

import io.syncplane.ledger.SyncRunStore;
import java.time.Clock;
import java.time.Instant;

/** Deletes sync runs older than the retention period, in batches. */
public class PruneSyncRunsTask {

    private static final int BATCH = 5_000;

    private final SyncRunStore runs;
    private final MaintenanceProperties properties;
    private final Clock clock;

    public PruneSyncRunsTask(SyncRunStore runs, MaintenanceProperties properties, Clock clock) {
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many runs it deleted. */
    public int run() {
        Instant cutoff = clock.instant().minus(properties.runRetention());
        int total = 0;
        int deleted;
        do {
            deleted = runs.pruneStartedBefore(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
