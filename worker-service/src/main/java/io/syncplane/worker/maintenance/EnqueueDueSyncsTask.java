package io.syncplane.worker.maintenance;

import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.ScanPage;
import io.syncplane.ledger.ScanPosition;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateScanner;
import io.syncplane.queue.EnqueueRequest;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
        ScanPosition position = ScanPosition.start();
        int enqueued = 0;
        while (true) {
            ScanPage page = scanner.due(now, position, properties.scanBatch());
            List<EnqueueRequest> requests = page.rows().stream().map(EnqueueDueSyncsTask::request).toList();
            if (!requests.isEmpty()) {
                queue.enqueueAll(requests);
                enqueued += requests.size();
            }
            if (page.next().isEmpty()) {
                return enqueued;
            }
            position = page.next().get();
        }
    }

    private static EnqueueRequest request(SyncState state) {
        SyncTrigger trigger = state.consecutiveErrors() > 0 ? SyncTrigger.RECOVERY : SyncTrigger.SCHEDULE;
        return new EnqueueRequest(state.key(), trigger, state.modeOfNextRun(), state.nextSyncAt());
    }
}
