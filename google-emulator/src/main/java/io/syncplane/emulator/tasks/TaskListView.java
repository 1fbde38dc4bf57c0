package io.syncplane.emulator.tasks;

import java.time.Instant;
import java.util.List;

/** A task list with its tasks (deleted ones included, flagged), as read under the book's lock. */
public record TaskListView(String id, String title, Instant updated, List<EmulatedTask> tasks) {
}
