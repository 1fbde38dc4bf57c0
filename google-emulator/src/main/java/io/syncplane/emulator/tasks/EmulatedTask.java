package io.syncplane.emulator.tasks;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One task as stored; deleted tasks stay (with {@code deleted=true}) so pollers with showDeleted see them.
 *
 * @param status    {@code needsAction} or {@code completed}
 * @param completed when it was completed, or null
 * @param position  zero-padded ordering key, as Google's {@code position}
 */
public record EmulatedTask(String id, String title, String notes, String status, LocalDate due, Instant completed,
                           boolean deleted, boolean hidden, Instant updated, String position) {

    public boolean done() {
        return "completed".equals(status);
    }

    public String etag() {
        return "\"" + Long.toString(updated.toEpochMilli() ^ id.hashCode(), 36) + "\"";
    }
}
