package io.syncplane.api.writeback;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.writeback.OperationKind;
import java.time.Instant;
import java.util.Map;

/** An operation whose shape has been checked; its target is resolved in the upload's transaction. */
record ParsedOperation(int index, Source source, long connectionId, OperationKind kind, String id,
                       String containerId, String destinationId, Long baseVersion, Map<String, Object> fields,
                       Map<String, Object> appFields, String idempotencyKey, Instant modifiedAt,
                       byte[] requestHash) {

    SyncKey key() {
        return new SyncKey(connectionId, source);
    }

    String at() {
        return "operations[" + index + "]";
    }

    /** Only application fields: nothing to send to Google. */
    boolean isLocalOnly() {
        return fields.isEmpty() && kind == OperationKind.UPDATE && destinationId == null && appFields != null;
    }
}
