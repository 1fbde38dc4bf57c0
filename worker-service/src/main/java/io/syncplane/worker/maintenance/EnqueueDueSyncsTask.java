package io.syncplane.worker.maintenance;

import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.ScanPages;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateScanner;
import io.syncplane.queue.EnqueueRequest;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.time.Instant;

/**
 * The stale-sync scanner: puts every sync the ledger says is due into the queue. Entries already waiting coalesce, so
 * running it often is cheap, and it is what rebuilds the queue after Redis lost its contents.
 */
public class EnqueueDueSyncsTask {

    private final SyncStateScanner scanner;
    private final SyncQueue queue;
    private final MaintenanceProperties properties;
    private final Clock clock;

    public EnqueueDueSyncsTask(SyncStateScanner scanner, SyncQueue queue, MaintenanceProperties properties,
                               Clock clock) {
        this.scanner = scanner;
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many due syncs it handed to the queue. */
    public int run() {
        Instant now = clock.instant();
        return ScanPages.walk((after, limit) -> scanner.due(now, after, limit), properties.scanBatch(),
                rows -> queue.enqueueAll(rows.stream().map(EnqueueDueSyncsTask::request).toList()));
    }

    private static EnqueueRequest request(SyncState state) {
        SyncTrigger trigger = state.consecutiveErrors() > 0 ? SyncTrigger.RECOVERY : SyncTrigger.SCHEDULE;
        return new EnqueueRequest(state.key(), trigger, state.modeOfNextRun(), state.nextSyncAt());
    }
}
