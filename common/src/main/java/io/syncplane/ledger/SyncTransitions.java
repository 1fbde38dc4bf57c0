package io.syncplane.ledger;

import static io.syncplane.ledger.SyncStateMachine.next;

import java.time.Instant;
import java.util.Objects;

/**
 * What each event does to a sync state, as pure functions of (state, event data, now). Every store implementation
 * computes the next state here and only persists it, so the rules exist once.
 */
final class SyncTransitions {

    private SyncTransitions() {
    }

    static SyncState start(SyncState s, SyncStart start, long runId, Instant now) {
        return s.toBuilder().status(next(s, SyncEvent.START))
                .lastSyncAt(now)
                .run(runId, new SyncLease(start.workerId(), start.leaseExpiresAt()))
                .updatedAt(now).build();
    }

    static SyncState checkpoint(SyncState s, SyncCheckpoint checkpoint, Instant now) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        return s.toBuilder().status(next(s, SyncEvent.CHECKPOINT))
                .checkpoint(checkpoint.writtenAt(now)).updatedAt(now).build();
    }

    /**
     * The cursor is gone (expired at Google, or an operator asks for a full resync): the next read is a full one.
     * {@code force} lets that full sync apply deletions beyond the safety valve; it stays set until a sync completes.
     */
    static SyncState clearCursor(SyncState s, boolean force, Instant now) {
        return s.toBuilder().status(next(s, SyncEvent.CLEAR_CURSOR))
                .cursor(null).checkpoint(null).forceFullSync(s.forceFullSync() || force).updatedAt(now).build();
    }

    static SyncState complete(SyncState s, SyncCompletion completion, Instant now) {
        return s.toBuilder().status(next(s, SyncEvent.COMPLETE))
                .cursor(completion.cursor())
                .nextSyncAt(completion.nextSyncAt())
                .lastSuccessfulSyncAt(now)
                .consecutiveErrors(0).error(completion.warning(), completion.warning() == null ? null : now)
                .rateLimitedUntil(null)
                .items(completion.counts().total(), s.itemsTotal() + completion.counts().total())
                .checkpoint(null).run(null, null).forceFullSync(false)
                .updatedAt(now).build();
    }

    /** The checkpoint survives a failure, so the retry resumes where this run stopped. */
    static SyncState fail(SyncState s, SyncFailure failure, Instant now) {
        return s.toBuilder().status(next(s, SyncEvent.FAIL))
                .nextSyncAt(failure.retryAt())
                .consecutiveErrors(s.consecutiveErrors() + 1).error(failure.error(), now)
                .run(null, null).updatedAt(now).build();
    }

    /** Being throttled is not a failure: the error count stays where it was. */
    static SyncState rateLimit(SyncState s, Instant until, String reason, Instant now) {
        Objects.requireNonNull(until, "until");
        return s.toBuilder().status(next(s, SyncEvent.RATE_LIMIT))
                .nextSyncAt(until).rateLimitedUntil(until).error(reason, now)
                .run(null, null).updatedAt(now).build();
    }

    /** A worker shutting down hands its run back unharmed; the checkpoint lets the next worker resume. */
    static SyncState release(SyncState s, Instant nextSyncAt, Instant now) {
        Objects.requireNonNull(nextSyncAt, "nextSyncAt");
        return s.toBuilder().status(next(s, SyncEvent.RELEASE))
                .nextSyncAt(nextSyncAt).run(null, null).updatedAt(now).build();
    }

    /** Only a lease that has run out may be taken away; a dead worker counts as a failed attempt. */
    static SyncState recoverInterrupted(SyncState s, Instant now) {
        SyncStatus target = next(s, SyncEvent.RECOVER_INTERRUPTED);
        SyncLease lease = s.lease();
        if (!lease.expiredAt(now)) {
            throw new IllegalSyncTransitionException(s.key(), s.status(), SyncEvent.RECOVER_INTERRUPTED,
                    "the lease of " + lease.owner() + " holds until " + lease.expiresAt());
        }
        return s.toBuilder().status(target)
                .nextSyncAt(now)
                .consecutiveErrors(s.consecutiveErrors() + 1)
                .error("interrupted: the lease of worker " + lease.owner() + " expired at " + lease.expiresAt(), now)
                .run(null, null).updatedAt(now).build();
    }

    static SyncState requireReauthorization(SyncState s, String reason, Instant now) {
        return s.toBuilder().status(next(s, SyncEvent.REQUIRE_REAUTH))
                .nextSyncAt(null).error(reason, now).run(null, null).updatedAt(now).build();
    }

    static SyncState reauthorize(SyncState s, Instant nextSyncAt, Instant now) {
        Objects.requireNonNull(nextSyncAt, "nextSyncAt");
        return s.toBuilder().status(next(s, SyncEvent.REAUTHORIZE))
                .nextSyncAt(nextSyncAt).consecutiveErrors(0).error(null, null).updatedAt(now).build();
    }

    /** Brings the due time forward (a trigger); never ahead of a rate limit Google imposed. */
    static SyncState schedule(SyncState s, Instant dueAt, Instant now) {
        Objects.requireNonNull(dueAt, "dueAt");
        SyncStatus target = next(s, SyncEvent.SCHEDULE);
        Instant due = s.nextSyncAt() == null || dueAt.isBefore(s.nextSyncAt()) ? dueAt : s.nextSyncAt();
        if (s.rateLimitedUntil() != null && due.isBefore(s.rateLimitedUntil())) {
            due = s.rateLimitedUntil();
        }
        return s.toBuilder().status(target).nextSyncAt(due).updatedAt(now).build();
    }

    static SyncState disable(SyncState s, String reason, Instant now) {
        return s.toBuilder().status(next(s, SyncEvent.DISABLE))
                .nextSyncAt(null).error(reason, now).run(null, null).updatedAt(now).build();
    }

    static SyncState enable(SyncState s, Instant nextSyncAt, Instant now) {
        Objects.requireNonNull(nextSyncAt, "nextSyncAt");
        return s.toBuilder().status(next(s, SyncEvent.ENABLE))
                .nextSyncAt(nextSyncAt).consecutiveErrors(0).error(null, null).updatedAt(now).build();
    }
}
