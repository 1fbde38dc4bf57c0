package io.syncplane.connector.tasks;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.emulator.tasks.EmulatedTask;
import io.syncplane.emulator.tasks.TaskListView;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads our copy of one connection's tasks, and the emulator's truth in the same shape. */
final class StoredTasks {

    private final ConnectorHarness harness;
    private final ConnectorHarness.Linked linked;

    StoredTasks(ConnectorHarness harness, ConnectorHarness.Linked linked) {
        this.harness = harness;
        this.linked = linked;
    }

    Map<TaskRow.Key, TaskRow> live() {
        Map<TaskRow.Key, TaskRow> rows = new TreeMap<>();
        harness.ledger.jdbc.sql("SELECT tasklist_id, task_id, title, status, due, hidden FROM task"
                        + " WHERE connection_id = ? AND deleted_at IS NULL")
                .param(linked.connectionId())
                .query(rs -> {
                    rows.put(new TaskRow.Key(rs.getString("tasklist_id"), rs.getString("task_id")),
                            new TaskRow(rs.getString("title"), rs.getString("status"),
                                    rs.getObject("due", LocalDate.class), rs.getBoolean("hidden")));
                });
        return rows;
    }

    Set<TaskRow.Key> tombstoned() {
        return new TreeSet<>(harness.ledger.jdbc.sql("SELECT tasklist_id, task_id FROM task"
                        + " WHERE connection_id = ? AND deleted_at IS NOT NULL")
                .param(linked.connectionId())
                .query((rs, row) -> new TaskRow.Key(rs.getString("tasklist_id"), rs.getString("task_id")))
                .list());
    }

    Map<TaskRow.Key, TaskRow> groundTruth() {
        Map<TaskRow.Key, TaskRow> rows = new TreeMap<>();
        for (TaskListView list : lists()) {
            list.tasks().forEach(task -> rows.put(new TaskRow.Key(list.id(), task.id()), TaskRow.of(task)));
        }
        return rows;
    }

    /** The user's lists at Google, ordered by id (the order the connector reads them in). */
    List<TaskListView> lists() {
        List<TaskListView> lists = new ArrayList<>(harness.emulator.admin().groundTruth(linked.email()).taskLists());
        lists.sort(Comparator.comparing(TaskListView::id));
        return lists;
    }

    /** Live tasks at Google that are still open and visible, with their list. */
    List<Located> openTasks() {
        List<Located> open = new ArrayList<>();
        for (TaskListView list : lists()) {
            list.tasks().stream().filter(task -> !task.done() && !task.hidden())
                    .forEach(task -> open.add(new Located(list.id(), task)));
        }
        return open;
    }

    record Located(String listId, EmulatedTask task) {
        TaskRow.Key key() {
            return new TaskRow.Key(listId, task.id());
        }
    }
}
