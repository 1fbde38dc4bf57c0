package io.syncplane.emulator.tasks;

import io.syncplane.emulator.seed.SeedRandom;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** A user's task lists. Tasks has no sync token: pollers use updatedMin, so every change moves {@code updated}. */
public final class TaskBook {

    private final Clock clock;
    private final SeedRandom ids;
    private final Map<String, TaskListState> lists = new LinkedHashMap<>();
    private long nextPosition;

    TaskBook(Clock clock, SeedRandom ids, List<TaskListState> seeded, long nextPosition) {
        this.clock = clock;
        this.ids = ids;
        seeded.forEach(list -> lists.put(list.id, list));
        this.nextPosition = nextPosition;
    }

    public synchronized List<TaskListView> lists() {
        List<TaskListView> out = new ArrayList<>();
        for (TaskListState list : lists.values()) {
            out.add(view(list));
        }
        return out;
    }

    /** The list for an id or {@code @default}, or null. */
    public synchronized TaskListView list(String id) {
        TaskListState list = resolve(id);
        return list == null ? null : view(list);
    }

    public synchronized TaskListView addList(String title) {
        TaskListState list = new TaskListState(ids.alphanumeric(26), title, clock.instant());
        lists.put(list.id, list);
        return view(list);
    }

    public synchronized EmulatedTask addTask(String listId, NewTask draft) {
        TaskListState list = require(listId);
        Instant now = clock.instant();
        EmulatedTask task = new EmulatedTask(ids.alphanumeric(22), draft.title(), draft.notes(), "needsAction",
                draft.due(), null, false, false, now, String.format("%020d", nextPosition++));
        list.tasks.put(task.id(), task);
        list.updated = now;
        return task;
    }

    public synchronized EmulatedTask updateTask(String listId, String taskId, TaskChange change) {
        TaskListState list = require(listId);
        EmulatedTask old = requireTask(list, taskId);
        Instant now = clock.instant();
        String status = old.status();
        Instant completed = old.completed();
        if (change.completed() != null) {
            status = change.completed() ? "completed" : "needsAction";
            completed = change.completed() ? (old.completed() != null ? old.completed() : now) : null;
        }
        EmulatedTask task = new EmulatedTask(old.id(),
                change.title() != null ? change.title() : old.title(),
                change.notes() != null ? change.notes() : old.notes(), status,
                change.due() != null ? change.due() : old.due(), completed, false,
                change.hidden() != null ? change.hidden() : old.hidden(), now, old.position());
        list.tasks.put(task.id(), task);
        list.updated = now;
        return task;
    }

    public synchronized EmulatedTask deleteTask(String listId, String taskId) {
        TaskListState list = require(listId);
        EmulatedTask old = requireTask(list, taskId);
        Instant now = clock.instant();
        EmulatedTask task = new EmulatedTask(old.id(), old.title(), old.notes(), old.status(), old.due(),
                old.completed(), true, old.hidden(), now, old.position());
        list.tasks.put(task.id(), task);
        list.updated = now;
        return task;
    }

    private TaskListState resolve(String id) {
        if ("@default".equals(id)) {
            return lists.values().stream().findFirst().orElse(null);
        }
        return lists.get(id);
    }

    private TaskListState require(String id) {
        TaskListState list = resolve(id);
        if (list == null) {
            throw new NoSuchElementException("no task list " + id);
        }
        return list;
    }

    private static EmulatedTask requireTask(TaskListState list, String taskId) {
        EmulatedTask task = list.tasks.get(taskId);
        if (task == null || task.deleted()) {
            throw new NoSuchElementException("no task " + taskId + " in list " + list.id);
        }
        return task;
    }

    private static TaskListView view(TaskListState list) {
        return new TaskListView(list.id, list.title, list.updated, List.copyOf(list.tasks.values()));
    }
}
