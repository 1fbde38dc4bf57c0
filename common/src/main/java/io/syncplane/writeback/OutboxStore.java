package io.syncplane.writeback;

import io.syncplane.domain.SyncKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: outbound operations and their conflicts. The API records operations (and marks their source as having
 * something to send); the worker that holds the source's sync lease sends them and records how each ended.
 * Every method runs in the caller's transaction when there is one.
 */
public interface OutboxStore {

    /**
     * Records an operation, or returns the one already recorded under the same (user, idempotency key).
     *
     * @throws IdempotencyKeyReusedException when that key was recorded with a different operation
     */
    Recorded record(NewOperation operation);

    Optional<OutboundOperation> find(long userId, long operationId);

    /**
     * The operation already recorded under the user's idempotency key, if any: a retried upload is answered from it
     * before anything about the item is checked again (the first attempt may have deleted it).
     *
     * @throws IdempotencyKeyReusedException when that key was recorded with a different operation
     */
    Optional<OutboundOperation> recorded(long userId, String idempotencyKey, byte[] requestHash);

    /** Unfinished operations of one source due by {@code now}, oldest first. */
    List<OutboundOperation> due(SyncKey key, Instant now, int limit);

    /** Whether the source has unfinished operations at all, due or waiting for a retry. */
    boolean hasOpen(SyncKey key);

    /** About to send: one more attempt, and the operation may land from here on. */
    OutboundOperation markSending(OutboundOperation operation);

    OutboundOperation markApplied(OutboundOperation operation, OperationResult result);

    /** Final: Google's copy won a conflict ({@code reason} says why), nothing was written. */
    OutboundOperation markConflict(OutboundOperation operation, String reason);

    /** Final: Google refused it for good, or it failed too often. */
    OutboundOperation markFailed(OutboundOperation operation, String reason);

    /**
     * Try again at {@code at}. {@code mayHaveLanded}: some attempt may have landed without anyone having found out
     * since (this one got no definite answer, or an earlier one did not and this one was refused before it could
     * find out), so the next one must find out first; false when Google certainly did not apply any (a rate limit on
     * a first attempt, or after finding out). The caller knows which: the stored state is 'sending' during every
     * attempt.
     */
    OutboundOperation retryLater(OutboundOperation operation, String error, Instant at, boolean mayHaveLanded);

    WriteConflict recordConflict(WriteConflict conflict);

    /** A user's conflicts, newest first, below {@code beforeId} when given. */
    List<WriteConflict> conflicts(long userId, Long beforeId, int limit);

    List<WriteConflict> conflictsOf(long operationId);

    /** Tells the source's next sync that there is something to send (sets a new marker value). */
    void markSourcePending(SyncKey key);

    /**
     * Clears the source's marker if it still holds {@code seen} (no operation was recorded since the worker read it)
     * and nothing is left open. Returns whether it cleared it.
     */
    boolean clearSourcePending(SyncKey key, Instant seen);

    /** @param created false when the idempotency key was known and this is the first operation recorded under it */
    record Recorded(OutboundOperation operation, boolean created) {
    }
}
