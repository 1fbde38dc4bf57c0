package io.syncplane.api.writeback;

import io.syncplane.writeback.WriteConflict;
import java.time.Instant;
import java.util.Map;

/** A recorded write conflict: both versions and what was decided. */
public record ConflictView(long conflictId, long operationId, String source, long connectionId, String id,
                           String policy, String decision, String reason, Map<String, Object> googleVersion,
                           Instant googleModifiedAt, Map<String, Object> applicationVersion,
                           Instant applicationModifiedAt, Instant detectedAt) {

    static ConflictView of(WriteConflict c) {
        return new ConflictView(c.id(), c.operationId(), c.source().id(), c.connectionId(), c.itemId(),
                c.policy().id(), c.decision().id(), c.reason(), c.googleVersion(), c.googleModifiedAt(),
                c.applicationVersion(), c.applicationModifiedAt(), c.detectedAt());
    }
}
