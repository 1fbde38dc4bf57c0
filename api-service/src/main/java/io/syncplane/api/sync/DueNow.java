package io.syncplane.api.sync;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.queue.EnqueueOutcome;
import io.syncplane.queue.QueueUnavailableException;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two halves every trigger has, manual or pushed: the ledger first (in the caller's transaction, the source
 * becomes due now), the queue second (after the commit). If the enqueue is lost, the stale-sync scanner finds the due
 * row and enqueues it anyway — but only a row the ledger holds due: a running source is not due, so a trigger for it
 * needs the queue's pending mark and a queue outage must reach the caller.
 */
public final class DueNow {

    private static final Logger log = LoggerFactory.getLogger(DueNow.class);

    private final SyncStateStore states;
    private final SyncQueue queue;
    private final Clock clock;

    public DueNow(SyncStateStore states, SyncQueue queue, Clock clock) {
        this.states = states;
        this.queue = queue;
        this.clock = clock;
    }

    /** Why the source cannot run at all (disabled, or its grant refused), or empty. */
    public Optional<String> refusal(SyncState state) {
        if (state.status() == SyncStatus.DISABLED) {
            return Optional.of("the source is disabled"
                    + (state.lastError() == null ? "" : " (" + state.lastError() + ")"));
        }
        if (state.status() == SyncStatus.NEEDS_REAUTH) {
            return Optional.of("Google refused the account's grant; the user must link the account again"
                    + " (GET /v1/users/" + state.userId() + "/connections/google/authorize)");
        }
        return Optional.empty();
    }

    /** The ledger half for a source that can run: due now, or nothing to write while it runs. */
    public Due makeDue(SyncState state) {
        if (state.status() == SyncStatus.SYNCING) {
            return new Due(state, false); // the queue marks the running job pending: one more run follows
        }
        return new Due(states.schedule(state, clock.instant()), true);
    }

    /** The ledger half of a forced full resync: the cursor dropped, and due now unless it is running. */
    public Due forceFull(SyncState state, String reason) {
        SyncState forced = states.forceFullResync(state, reason);
        return new Due(forced, forced.status() != SyncStatus.SYNCING);
    }

    /**
     * The queue half, after the commit. Empty when Redis is away but the ledger holds the source due (the scanner
     * will enqueue it); for a running source the outage propagates.
     */
    public Optional<EnqueueOutcome> enqueue(SyncKey key, SyncTrigger trigger, SyncMode mode, boolean ledgerDue) {
        try {
            return Optional.of(queue.enqueue(key, trigger, mode, clock.instant()));
        } catch (QueueUnavailableException e) {
            if (!ledgerDue) {
                throw e;
            }
            log.warn("Queue unavailable for a {} trigger of {}; the scanner will enqueue the due row: {}",
                    trigger.id(), key, e.getMessage());
            return Optional.empty();
        }
    }

    /** @param ledgerDue the ledger now holds the source due (false while it is syncing) */
    public record Due(SyncState state, boolean ledgerDue) {
    }
}
