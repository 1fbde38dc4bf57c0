package io.syncplane.api.writeback;

import java.time.Instant;
import java.util.Map;

/**
 * One operation of an upload, as the application sends it.
 *
 * @param source                gmail, calendar, contacts or tasks
 * @param op                    create, update or delete (mail: update only)
 * @param id                    Google's id of the item, as the change feed names it; not for creates
 * @param calendarId            the event's calendar; for creates the primary calendar when omitted
 * @param tasklistId            the task's list; for creates the default list when omitted
 * @param destinationTasklistId moves the task to this list
 * @param baseVersion           the {@code version} the application last read from the change feed
 * @param fields                Google-owned fields in Google's own resource shape
 * @param appFields             application-owned fields, stored next to Google's and never sent to Google
 * @param idempotencyKey        the same key again returns the first result instead of a second operation
 * @param modifiedAt            when the application made the change (for "newer wins"); submission time if omitted
 */
public record OperationRequest(String source, Long connectionId, String op, String id, String calendarId,
                               String tasklistId, String destinationTasklistId, Long baseVersion,
                               Map<String, Object> fields, Map<String, Object> appFields, String idempotencyKey,
                               Instant modifiedAt) {
}
