package io.syncplane.connector.tasks;

import io.syncplane.connector.SkippedItems;
import io.syncplane.connector.MalformedItemException;
import io.syncplane.connector.StorableJson;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.tasks.model.Task;
import io.syncplane.store.SyncedItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a Google {@link Task} into a row of {@code task}. A task flagged {@code deleted} becomes a tombstone that keeps
 * the last known fields. Timestamps that do not parse make the task malformed rather than silently null.
 */
final class TaskMapper {

    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();

    private TaskMapper() {
    }

    static SyncedItem map(String listId, Task task) throws MalformedItemException {
        String id = task.getId();
        if (id == null || id.isBlank()) {
            throw new MalformedItemException(listId + "/etag " + task.getEtag(), "no id");
        }
        List<String> key = List.of(listId, id);
        if (Boolean.TRUE.equals(task.getDeleted())) {
            return SyncedItem.deletedKey(key);
        }
        String itemId = listId + "/" + id;
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("title", task.getTitle());
        columns.put("status", task.getStatus());
        columns.put("due", date(itemId, "due", task.getDue()));
        columns.put("completed_at", instant(itemId, "completed", task.getCompleted()));
        columns.put("task_updated_at", instant(itemId, "updated", task.getUpdated()));
        columns.put("parent_id", task.getParent());
        columns.put("hidden", Boolean.TRUE.equals(task.getHidden()));
        String raw = json(task);
        if (StorableJson.containsNul(raw)) {
            throw new MalformedItemException(itemId, StorableJson.NUL_REASON);
        }
        return SyncedItem.live(key, columns, raw);
    }

    /**
     * Maps a page; a malformed task is recorded in {@code skipped} and stands only for its existence, so a full sync
     * keeps its stored copy.
     */
    static List<SyncedItem> mapAll(String listId, List<Task> tasks, SkippedItems skipped) {
        if (tasks == null) {
            return List.of();
        }
        List<SyncedItem> rows = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            try {
                rows.add(map(listId, task));
            } catch (MalformedItemException e) {
                skipped.record(e);
                if (task.getId() != null && !task.getId().isBlank()) {
                    rows.add(SyncedItem.unreadable(List.of(listId, task.getId())));
                }
            }
        }
        return rows;
    }

    /**
     * Google keeps only the date of {@code due} and sends it as midnight UTC; the date as written is the due date
     * (converting to another zone would move it a day).
     */
    private static LocalDate date(String itemId, String field, String rfc3339) throws MalformedItemException {
        return rfc3339 == null ? null : parse(itemId, field, rfc3339).toLocalDate();
    }

    private static Instant instant(String itemId, String field, String rfc3339) throws MalformedItemException {
        return rfc3339 == null ? null : parse(itemId, field, rfc3339).toInstant();
    }

    private static OffsetDateTime parse(String itemId, String field, String rfc3339) throws MalformedItemException {
        try {
            return OffsetDateTime.parse(rfc3339);
        } catch (DateTimeParseException e) {
            throw new MalformedItemException(itemId, field + " is not an RFC 3339 timestamp: \"" + rfc3339 + "\"");
        }
    }

    private static String json(Task task) {
        try {
            return JSON.toString(task);
        } catch (IOException e) {
            throw new UncheckedIOException("serialising a parsed Task cannot fail", e);
        }
    }
}
