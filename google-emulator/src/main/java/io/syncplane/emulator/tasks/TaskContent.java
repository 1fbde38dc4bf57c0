package io.syncplane.emulator.tasks;

import java.time.LocalDate;

/**
 * The settable part of a task: what patch and update change, and what admin {@link TaskChange}s change. The book
 * derives {@code completed} from {@code status} ({@code completed}: the time it became completed; {@code needsAction}:
 * none), so a client cannot set the two inconsistently.
 */
public record TaskContent(String title, String notes, LocalDate due, String status, boolean hidden) {

    public TaskContent {
        title = title == null ? "" : title;
        if (!"completed".equals(status) && !"needsAction".equals(status)) {
            throw new IllegalArgumentException("Invalid task status: " + status);
        }
    }
}
