package io.syncplane.writeback;

import io.syncplane.domain.Source;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An operation as the API accepted it, before it is recorded.
 *
 * @param containerId   the calendar or task list, resolved (never {@code primary} / {@code @default} for updates);
 *                      null for contacts and mail
 * @param itemId        Google's id of the item; for a calendar create the id Syncplane chose; null for other creates
 * @param destinationId a task list to move a task to, else null
 * @param baseVersion   the feed version the application last read; null for creates
 * @param fields        the Google-owned fields, in Google's own resource shape
 * @param appFields     application-owned fields for {@code app_data}, or null
 * @param requestHash   SHA-256 of the operation as submitted, to tell a retry from a reused key
 * @param modifiedAt    when the application made the change
 */
public record NewOperation(long userId, long connectionId, Source source, OperationKind kind, String containerId,
                           String itemId, String destinationId, Long baseVersion, Map<String, Object> fields,
                           Map<String, Object> appFields, String idempotencyKey, byte[] requestHash,
                           Instant modifiedAt) {

    public NewOperation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        appFields = appFields == null ? null : Map.copyOf(appFields);
    }
}
