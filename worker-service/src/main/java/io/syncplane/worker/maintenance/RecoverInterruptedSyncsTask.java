package io.syncplane.worker.maintenance;

import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.ScanPages;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateException;
import io.syncplane.ledger.SyncStateScanner;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds syncs whose worker stopped heartbeating (killed, partitioned) and brings them back: the ledger marks the
 * run interrupted (keeping its checkpoint, so the next run resumes) and the queue gets the job again.
 */
public class RecoverInterruptedSyncsTask {

    private static final Logger log = LoggerFactory.getLogger(RecoverInterruptedSyncsTask.class);

    private final SyncStateScanner scanner;
    private final SyncStateStore states;
    private final SyncQueue queue;
    private final MaintenanceProperties properties;
    private final Clock clock;
    private final SyncplaneMetrics metrics;

    public RecoverInterruptedSyncsTask(SyncStateScanner scanner, SyncStateStore states, SyncQueue queue,
                                       MaintenanceProperties properties, Clock clock) {
        this(scanner, states, queue, properties, clock, SyncplaneMetrics.none());
    }

    public RecoverInterruptedSyncsTask(SyncStateScanner scanner, SyncStateStore states, SyncQueue queue,
                                       MaintenanceProperties properties, Clock clock, SyncplaneMetrics metrics) {
        this.metrics = metrics;
        this.scanner = scanner;
        this.states = states;
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many syncs it recovered. */
    public int run() {
        Instant now = clock.instant();
        int[] recovered = {0};
        ScanPages.walk((after, limit) -> scanner.interrupted(now, after, limit), properties.scanBatch(), rows -> {
            for (SyncState state : rows) {
                try {
                    SyncState back = states.recoverInterrupted(state);
                    metrics.syncRecovered();
                    queue.enqueue(back.key(), SyncTrigger.RECOVERY, back.modeOfNextRun(), back.nextSyncAt());
                    recovered[0]++;
                } catch (SyncStateException e) {
                    log.debug("{} moved on before recovery: {}", state.key(), e.getMessage());
                }
            }
        });
        return recovered[0];
    }
}
