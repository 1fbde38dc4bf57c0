package io.syncplane.emulator.tasks;

import java.time.LocalDate;

/**
 * Changes to a task; null members stay as they are. {@code completed=true} completes it (now), false reopens it;
 * {@code hidden=true} is what "clear completed tasks" does in Google's clients.
 */
public record TaskChange(String title, String notes, LocalDate due, Boolean completed, Boolean hidden) {

    public static TaskChange complete() {
        return new TaskChange(null, null, null, true, null);
    }

    public static TaskChange title(String title) {
        return new TaskChange(title, null, null, null, null);
    }

    TaskContent applyTo(TaskContent content) {
        return new TaskContent(title != null ? title : content.title(), notes != null ? notes : content.notes(),
                due != null ? due : content.due(),
                completed != null ? (completed ? "completed" : "needsAction") : content.status(),
                hidden != null ? hidden : content.hidden());
    }
}
