package io.syncplane.emulator.tasks;

import io.syncplane.emulator.seed.SeedRandom;
import io.syncplane.emulator.store.StaleEtagException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * A user's task lists. Tasks has no sync token: pollers use updatedMin, so every change moves {@code updated}. The
 * admin API and the Tasks write endpoints change tasks through the same methods here.
 */
public final class TaskBook {

    private final Clock clock;
    private final SeedRandom ids;
    private final Map<String, TaskListState> lists = new LinkedHashMap<>();
    private long nextPosition;
    private long revision;

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

    /** Admin: a new task at the end of the list. */
    public synchronized EmulatedTask addTask(String listId, NewTask draft) {
        TaskListState list = require(listId);
        Instant now = clock.instant();
        EmulatedTask task = new EmulatedTask(ids.alphanumeric(22), draft.title(), draft.notes(), "needsAction",
                draft.due(), null, false, false, now, String.format("%020d", nextPosition++), null, ++revision);
        list.tasks.put(task.id(), task);
        list.updated = now;
        return task;
    }

    /**
     * tasks.insert: a new task under {@code parent} (null: top level), right after its sibling {@code previous}
     * (null: first among its siblings, as Google places it).
     */
    public synchronized EmulatedTask insertTask(String listId, TaskContent content, String parent, String previous) {
        TaskListState list = require(listId);
        Instant now = clock.instant();
        EmulatedTask task = new EmulatedTask(ids.alphanumeric(22), content.title(), content.notes(),
                content.status(), content.due(), "completed".equals(content.status()) ? now : null, false,
                content.hidden(), now, "", parent, ++revision);
        TaskOrder.place(list, List.of(task), parent, previous);
        list.updated = now;
        return list.tasks.get(task.id());
    }

    public synchronized EmulatedTask updateTask(String listId, String taskId, TaskChange change) {
        return editTask(listId, taskId, null, change::applyTo);
    }

    /**
     * Rewrites a live task's settable content with {@code edit}, applied under the book's lock so a patch merges
     * into the current state; stale {@code ifMatch} (null: unconditional) is a {@link StaleEtagException}.
     */
    public synchronized EmulatedTask editTask(String listId, String taskId, String ifMatch,
                                              UnaryOperator<TaskContent> edit) {
        TaskListState list = require(listId);
        EmulatedTask old = requireTask(list, taskId);
        StaleEtagException.check(ifMatch, old.etag());
        TaskContent content = edit.apply(old.content());
        Instant now = clock.instant();
        Instant completed = !"completed".equals(content.status()) ? null
                : old.completed() != null ? old.completed() : now;
        EmulatedTask task = new EmulatedTask(old.id(), content.title(), content.notes(), content.status(),
                content.due(), completed, false, content.hidden(), now, old.position(), old.parent(), ++revision);
        list.tasks.put(task.id(), task);
        list.updated = now;
        return task;
    }

    public synchronized EmulatedTask deleteTask(String listId, String taskId) {
        return deleteTask(listId, taskId, null);
    }

    /** Deletes a task (kept as a tombstone for showDeleted pollers) if {@code ifMatch} is still its etag. */
    public synchronized EmulatedTask deleteTask(String listId, String taskId, String ifMatch) {
        TaskListState list = require(listId);
        EmulatedTask old = requireTask(list, taskId);
        StaleEtagException.check(ifMatch, old.etag());
        Instant now = clock.instant();
        EmulatedTask task = tombstone(old, now);
        list.tasks.put(task.id(), task);
        list.updated = now;
        return task;
    }

    /**
     * tasks.move: the task (with its subtasks) goes under {@code parent} after {@code previous} in
     * {@code destinationListId} (null: the same list). Moved to another list, it is a deleted tombstone in the old one
     * (so that list's updatedMin pollers see it leave) and a changed task in the new one.
     */
    public synchronized EmulatedTask moveTask(String listId, String taskId, String parent, String previous,
                                              String destinationListId) {
        TaskListState source = require(listId);
        TaskListState target = destinationListId == null ? source : require(destinationListId);
        EmulatedTask task = requireTask(source, taskId);
        List<EmulatedTask> subtree = TaskOrder.subtree(source, task);
        if (parent != null && subtree.stream().anyMatch(t -> t.id().equals(parent))) {
            throw new IllegalArgumentException("A task cannot become a subtask of itself or of its subtasks.");
        }
        Instant now = clock.instant();
        List<EmulatedTask> moved = new ArrayList<>();
        for (EmulatedTask t : subtree) {
            String newParent = t == task ? parent : t.parent();
            moved.add(new EmulatedTask(t.id(), t.title(), t.notes(), t.status(), t.due(), t.completed(), false,
                    t.hidden(), now, t.position(), newParent, ++revision));
        }
        if (target == source) {
            subtree.forEach(t -> source.tasks.remove(t.id()));
        } else {
            subtree.forEach(t -> source.tasks.put(t.id(), tombstone(t, now)));
            source.updated = now;
        }
        TaskOrder.place(target, moved, parent, previous);
        target.updated = now;
        return target.tasks.get(taskId);
    }

    private EmulatedTask tombstone(EmulatedTask old, Instant now) {
        return new EmulatedTask(old.id(), old.title(), old.notes(), old.status(), old.due(), old.completed(), true,
                old.hidden(), now, old.position(), old.parent(), ++revision);
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
