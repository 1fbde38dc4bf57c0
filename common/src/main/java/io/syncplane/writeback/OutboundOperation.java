package io.syncplane.writeback;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import java.time.Instant;
import java.util.Map;

/** One recorded outbound operation: what was asked ({@link NewOperation}'s fields) and how far it got. */
public record OutboundOperation(long id, long userId, long connectionId, Source source, OperationKind kind,
                                String containerId, String itemId, String destinationId, Long baseVersion,
                                Map<String, Object> fields, Map<String, Object> appFields, String idempotencyKey,
                                OperationState state, int attempts, Instant nextAttemptAt, String lastError,
                                OperationResult result, Instant modifiedAt, Instant submittedAt,
                                Instant finishedAt) {

    public SyncKey syncKey() {
        return new SyncKey(connectionId, source);
    }

    /** An earlier attempt went out without an answer: whether it landed must be found out before sending again. */
    public boolean mayHaveLanded() {
        return state == OperationState.SENDING;
    }
}
