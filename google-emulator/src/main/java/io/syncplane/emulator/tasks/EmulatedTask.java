package io.syncplane.emulator.tasks;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One task as stored; deleted tasks stay (with {@code deleted=true}) so pollers with showDeleted see them.
 *
 * @param status    {@code needsAction} or {@code completed}
 * @param completed when it was completed, or null
 * @param position  zero-padded ordering key, as Google's {@code position}
 * @param parent    the parent task's id for a subtask, else null
 * @param revision  the book's write counter at this task's last change, so that two writes within one clock
 *                  millisecond still give different etags
 */
public record EmulatedTask(String id, String title, String notes, String status, LocalDate due, Instant completed,
                           boolean deleted, boolean hidden, Instant updated, String position, String parent,
                           long revision) {

    public EmulatedTask(String id, String title, String notes, String status, LocalDate due, Instant completed,
                        boolean deleted, boolean hidden, Instant updated, String position) {
        this(id, title, notes, status, due, completed, deleted, hidden, updated, position, null, 0);
    }

    public boolean done() {
        return "completed".equals(status);
    }

    /** What a client can set on a task (the rest is derived or read-only). */
    public TaskContent content() {
        return new TaskContent(title, notes, due, status, hidden);
    }

    public String etag() {
        return "\"" + Long.toString(updated.toEpochMilli() ^ id.hashCode() ^ (revision << 42), 36) + "\"";
    }
}
