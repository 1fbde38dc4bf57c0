package io.syncplane.emulator.tasks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One task list; mutated only under its {@link TaskBook}'s lock. */
final class TaskListState {

    final String id;
    String title;
    Instant updated;
    final Map<String, EmulatedTask> tasks = new LinkedHashMap<>();

    TaskListState(String id, String title, Instant updated) {
        this.id = id;
        this.title = title;
        this.updated = updated;
    }
}
