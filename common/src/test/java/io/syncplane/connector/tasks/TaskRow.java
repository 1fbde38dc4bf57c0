package io.syncplane.connector.tasks;

import io.syncplane.emulator.tasks.EmulatedTask;
import java.time.LocalDate;

/** The fields of a task the tests compare between our copy and the emulator's ground truth. */
record TaskRow(String title, String status, LocalDate due, boolean hidden) {

    static TaskRow of(EmulatedTask task) {
        return new TaskRow(task.title(), task.status(), task.due(), task.hidden());
    }

    /** A task's identity: Google task ids are unique only within their list. */
    record Key(String listId, String taskId) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byList = listId.compareTo(other.listId);
            return byList != 0 ? byList : taskId.compareTo(other.taskId);
        }
    }
}
