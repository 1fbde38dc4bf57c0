package io.syncplane.worker.maintenance;

import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.queue.SyncQueue;

/** Puts queue entries whose worker's lease ran out back to waiting (or into the dead-letter set). */
public class ReclaimExpiredLeasesTask {

    private final SyncQueue queue;
    private final MaintenanceProperties properties;
    private final SyncplaneMetrics metrics;

    public ReclaimExpiredLeasesTask(SyncQueue queue, MaintenanceProperties properties) {
        this(queue, properties, SyncplaneMetrics.none());
    }

    public ReclaimExpiredLeasesTask(SyncQueue queue, MaintenanceProperties properties, SyncplaneMetrics metrics) {
        this.queue = queue;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Returns how many leases it reclaimed. */
    public int run() {
        int total = 0;
        int reclaimed;
        do {
            reclaimed = queue.reclaimExpiredLeases(properties.scanBatch()).size();
            metrics.leasesReclaimed(reclaimed);
            total += reclaimed;
        } while (reclaimed == properties.scanBatch());
        return total;
    }
}
