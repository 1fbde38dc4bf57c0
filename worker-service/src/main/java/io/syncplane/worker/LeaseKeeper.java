package io.syncplane.worker;

import io.syncplane.ledger.LeaseLostException;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.queue.LeaseStatus;
import io.syncplane.queue.QueueUnavailableException;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extends the leases of running syncs in the queue and in the ledger. A lease found lost in either place stops the
 * sync at its next page boundary: someone else may be running it now, and its result must not be recorded.
 */
public final class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final SyncQueue queue;
    private final SyncStateStore states;
    private final Duration leaseDuration;
    private final Clock clock;

    public LeaseKeeper(SyncQueue queue, SyncStateStore states, Duration leaseDuration, Clock clock) {
        this.queue = queue;
        this.states = states;
        this.leaseDuration = leaseDuration;
        this.clock = clock;
    }

    void beat(Collection<RunningSync> running) {
        for (RunningSync sync : running) {
            try {
                beat(sync);
            } catch (QueueUnavailableException e) {
                // Redis is away: keep the ledger lease alive and try the queue again next beat
                log.warn("Queue unavailable while extending {}: {}", sync.job().key(), e.getMessage());
                extendLedgerLease(sync);
            } catch (RuntimeException e) {
                log.warn("Heartbeat of {} failed: {}", sync.job().key(), e.toString());
            }
        }
    }

    private void beat(RunningSync sync) {
        if (sync.isSettling()) {
            return;
        }
        if (queue.heartbeat(sync.job(), leaseDuration) == LeaseStatus.LOST) {
            if (sync.isSettling()) {
                return; // the settlement ended the lease while this beat was on its way
            }
            log.warn("Lost the queue lease of {}; stopping it", sync.job().key());
            sync.leaseLost();
            return;
        }
        extendLedgerLease(sync);
    }

    private void extendLedgerLease(RunningSync sync) {
        SyncState started = sync.started();
        if (started == null) {
            return;
        }
        try {
            states.extendLease(started, clock.instant().plus(leaseDuration));
        } catch (LeaseLostException e) {
            log.warn("Lost the ledger lease of {}; stopping it", sync.job().key());
            sync.leaseLost();
        }
    }
}
