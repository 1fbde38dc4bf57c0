package io.syncplane.api.push;

import io.syncplane.api.sync.DueNow;
import io.syncplane.api.web.ApiException;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.queue.EnqueueOutcome;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * A push-triggered sync, in two steps like every trigger: the ledger first (the source becomes due now, inside the
 * webhook's transaction), the queue second (after the commit, a {@link SyncTrigger#PUSH} in the interactive lane,
 * which coalesces a burst of pushes and debounces them against the last push-triggered run).
 */
public final class PushSyncTrigger {

    private static final Logger log = LoggerFactory.getLogger(PushSyncTrigger.class);

    private final SyncStateStore states;
    private final DueNow dueNow;

    public PushSyncTrigger(SyncStateStore states, DueNow dueNow) {
        this.states = states;
        this.dueNow = dueNow;
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
        Optional<String> refusal = dueNow.refusal(state);
        if (refusal.isPresent()) {
            log.debug("Push for {} ignored: {}", key, refusal.get());
            return Optional.empty();
        }
        if (alreadySynced.test(state)) {
            log.debug("Push for {} that the copy already covers (cursor {}); no sync", key, state.cursor());
            return Optional.empty();
        }
        DueNow.Due due = dueNow.makeDue(state);
        return Optional.of(new Due(key, due.state().modeOfNextRun(), due.ledgerDue()));
    }

    /**
     * After the commit. When the ledger already holds the source due, a queue outage loses nothing (the stale-sync
     * scanner enqueues due rows), so the push is acknowledged anyway; otherwise the outage propagates as a 503 and
     * the sender retries.
     */
    public void enqueue(Due due) {
        dueNow.enqueue(due.key(), SyncTrigger.PUSH, due.mode(), due.ledgerDue())
                .filter(outcome -> outcome == EnqueueOutcome.DEAD_LETTERED)
                .ifPresent(dead -> log.warn("Push for {}, which is dead-lettered: not synced until an operator"
                        + " redrives it", due.key()));
    }

    /** What a push answers when the ledger kept changing under it: 503, so the sender delivers it again later. */
    static ApiException redeliverLater() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "the source kept changing while the push was recorded; deliver it again");
    }

    /**
     * A sync the push asks for.
     *
     * @param ledgerDue whether the ledger now holds the source due (false while it is syncing)
     */
    public record Due(SyncKey key, SyncMode mode, boolean ledgerDue) {
    }
}
