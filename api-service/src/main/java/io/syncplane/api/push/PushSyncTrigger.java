package io.syncplane.api.push;

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
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push-triggered sync, in two steps like every trigger: the ledger first (the source becomes due now, inside the
 * webhook's transaction), the queue second (after the commit, a {@link SyncTrigger#PUSH} in the interactive lane,
 * which coalesces a burst of pushes and debounces them against the last push-triggered run).
 */
public final class PushSyncTrigger {

    private static final Logger log = LoggerFactory.getLogger(PushSyncTrigger.class);

    private final SyncStateStore states;
    private final SyncQueue queue;
    private final Clock clock;

    public PushSyncTrigger(SyncStateStore states, SyncQueue queue, Clock clock) {
        this.states = states;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * In the caller's transaction: makes the source due now, unless it cannot run (disabled, needs re-authorisation,
     * never registered) or {@code alreadySynced} says the copy already covers the change. May throw
     * {@link io.syncplane.ledger.StaleSyncStateException}, after which the whole transaction must be retried.
     */
    public Optional<Due> prepare(SyncKey key, Predicate<SyncState> alreadySynced) {
        Optional<SyncState> found = states.find(key);
        if (found.isEmpty()) {
            log.info("Push for {}, which has no sync state yet; ignored", key);
            return Optional.empty();
        }
        SyncState state = found.get();
        if (state.status() == SyncStatus.DISABLED || state.status() == SyncStatus.NEEDS_REAUTH) {
            log.debug("Push for {}, which is {}; ignored", key, state.status().id());
            return Optional.empty();
        }
        if (alreadySynced.test(state)) {
            log.debug("Push for {} that the copy already covers (cursor {}); no sync", key, state.cursor());
            return Optional.empty();
        }
        if (state.status() == SyncStatus.SYNCING) {
            // nothing to write: the queue marks the running job pending, so exactly one more run follows it
            return Optional.of(new Due(key, state.modeOfNextRun(), false));
        }
        SyncState due = states.schedule(state, clock.instant());
        return Optional.of(new Due(key, due.modeOfNextRun(), true));
    }

    /**
     * After the commit. When the ledger already holds the source due, a queue outage loses nothing (the stale-sync
     * scanner enqueues due rows), so the push is acknowledged anyway; otherwise the outage propagates as a 503 and
     * the sender retries.
     */
    public void enqueue(Due due) {
        EnqueueOutcome outcome;
        try {
            outcome = queue.enqueue(due.key(), SyncTrigger.PUSH, due.mode(), clock.instant());
        } catch (QueueUnavailableException e) {
            if (!due.ledgerDue()) {
                throw e;
            }
            log.warn("Queue unavailable for the push of {}; the due ledger row will be picked up by the scanner: {}",
                    due.key(), e.getMessage());
            return;
        }
        if (outcome == EnqueueOutcome.DEAD_LETTERED) {
            log.warn("Push for {}, which is dead-lettered: not synced until an operator redrives it", due.key());
        }
    }

    /**
     * A sync the push asks for.
     *
     * @param ledgerDue whether the ledger now holds the source due (false while it is syncing)
     */
    public record Due(SyncKey key, SyncMode mode, boolean ledgerDue) {
    }
}
