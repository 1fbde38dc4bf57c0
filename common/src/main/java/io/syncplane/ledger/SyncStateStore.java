package io.syncplane.ledger;

import io.syncplane.domain.SyncKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ledger of sync states. Every transition takes the state as the caller last read it and succeeds only if nobody
 * changed it since (optimistic versioning): otherwise {@link StaleSyncStateException}, and an event the current
 * status does not allow raises {@link IllegalSyncTransitionException}. Either way nothing changes.
 *
 * <p>Transitions join the caller's transaction when there is one, so a connector commits its data and the new cursor
 * (checkpoint or completion) atomically.
 */
public interface SyncStateStore {

    /** Creates the state for {@code key}, due at {@code firstDueAt}, unless it exists; returns the stored state. */
    SyncState register(SyncKey key, long userId, Instant firstDueAt);

    Optional<SyncState> find(SyncKey key);

    default SyncState get(SyncKey key) {
        return find(key).orElseThrow(() -> new SyncStateNotFoundException(key));
    }

    List<SyncState> findByConnection(long connectionId);

    /** Takes a due sync: status syncing, a lease for the worker, and a new sync run row. */
    SyncState start(SyncState current, SyncStart start);

    /**
     * {@link #start} for the common case, without reading the state first: starts the sync of {@code key} if its
     * stored status lets it start right now (idle, error, or rate_limited with the limit over), giving the same state
     * and run row as {@code start} would. Empty, with nothing changed, when the state needs looking at first (syncing,
     * rate-limited until later, needs re-authorisation, disabled) or does not exist: the caller then reads it.
     */
    Optional<SyncState> startIfWaiting(SyncKey key, SyncStart start);

    /**
     * Heartbeat: moves the lease's expiry. Not a transition (no version change), so it never conflicts with the same
     * run's checkpoints; raises {@link LeaseLostException} when the run is no longer this worker's.
     */
    SyncState extendLease(SyncState current, Instant expiresAt);

    SyncState checkpoint(SyncState current, SyncCheckpoint checkpoint);

    /** Forgets the cursor so the next (or the rest of the running) sync is a full one. */
    SyncState clearCursor(SyncState current, String reason);

    /**
     * An operator's full resync that may apply deletions beyond the safety valve: clears the cursor, marks the state
     * forced until a sync completes, and makes it due now.
     */
    SyncState forceFullResync(SyncState current, String reason);

    SyncState complete(SyncState current, SyncCompletion completion);

    SyncState fail(SyncState current, SyncFailure failure);

    SyncState rateLimit(SyncState current, Instant until, String reason);

    SyncState release(SyncState current, Instant nextSyncAt);

    /** Takes a sync whose worker's lease ran out away from it; only legal once the lease has expired. */
    SyncState recoverInterrupted(SyncState current);

    SyncState requireReauthorization(SyncState current, String reason);

    SyncState reauthorize(SyncState current, Instant nextSyncAt);

    /** Makes the sync due no later than {@code dueAt} (but never before a rate limit ends). */
    SyncState schedule(SyncState current, Instant dueAt);

    SyncState disable(SyncState current, String reason);

    SyncState enable(SyncState current, Instant nextSyncAt);
}
