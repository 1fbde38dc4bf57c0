package io.syncplane.api.writeback;

import io.syncplane.writeback.OutboundOperation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An outbound operation as {@code GET /v1/users/{userId}/changes/outbound/{operationId}} shows it.
 *
 * @param state     pending (not sent yet), sending (an attempt is out or may have landed: it is being found out),
 *                  applied (Google accepted it; {@code result} has Google's id, etag and the feed version),
 *                  conflict (Google's copy won; see {@code conflicts}), failed (refused by Google, or too many
 *                  failed attempts; {@code lastError} says why)
 * @param nextAttemptAt when it is tried next, while not final
 */
public record OperationView(long operationId, String idempotencyKey, String source, long connectionId, String op,
                            String containerId, String id, String destinationTasklistId, Long baseVersion,
                            Map<String, Object> fields, Map<String, Object> appFields, String state, int attempts,
                            Instant nextAttemptAt, String lastError, Result result, Instant modifiedAt,
                            Instant submittedAt, Instant finishedAt, List<ConflictView> conflicts) {

    /** @param version the item's change-feed version holding Google's answer; null after a delete */
    public record Result(String id, String etag, Long version) {
    }

    static OperationView of(OutboundOperation op, List<ConflictView> conflicts) {
        Result result = op.result() == null ? null
                : new Result(op.result().itemId(), op.result().etag(), op.result().version());
        return new OperationView(op.id(), op.idempotencyKey(), op.source().id(), op.connectionId(), op.kind().id(),
                op.containerId(), op.itemId(), op.destinationId(), op.baseVersion(), op.fields(), op.appFields(),
                op.state().id(), op.attempts(), op.state().isFinal() ? null : op.nextAttemptAt(), op.lastError(),
                result, op.modifiedAt(), op.submittedAt(), op.finishedAt(), conflicts);
    }
}
