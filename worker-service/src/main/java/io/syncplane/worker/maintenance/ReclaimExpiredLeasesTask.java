package io.syncplane.worker.maintenance;

import io.syncplane.queue.SyncQueue;

/** Puts queue entries whose worker's lease ran out back to waiting (or into the dead-letter set). */
public class ReclaimExpiredLeasesTask {

    private final SyncQueue queue;
    private final MaintenanceProperties properties;

    public ReclaimExpiredLeasesTask(SyncQueue queue, MaintenanceProperties properties) {
        this.queue = queue;
        this.properties = properties;
    }

    /** Returns how many leases it reclaimed. */
    public int run() {
        int total = 0;
        int reclaimed;
        do {
            reclaimed = queue.reclaimExpiredLeases(properties.scanBatch()).size();
            total += reclaimed;
        } while (reclaimed == properties.scanBatch());
        return total;
    }
}
