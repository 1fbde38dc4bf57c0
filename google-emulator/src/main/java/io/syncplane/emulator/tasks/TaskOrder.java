package io.syncplane.emulator.tasks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where tasks go in a list. A list keeps its tasks in display order (a parent, then its subtasks), and listings page
 * by position, so after a placement every task's {@code position} is renumbered to follow that order. Renumbering
 * leaves {@code updated} alone: Google's position strings are opaque and how it renumbers siblings is unconfirmed.
 */
final class TaskOrder {

    private TaskOrder() {
    }

    /**
     * Inserts {@code block} (a task and its subtasks, in order) under {@code parent} right after the sibling
     * {@code previous} and its subtasks, or first among the parent's children when {@code previous} is null.
     */
    static void place(TaskListState list, List<EmulatedTask> block, String parent, String previous) {
        List<EmulatedTask> order = new ArrayList<>(list.tasks.values());
        Set<String> moving = new HashSet<>();
        block.forEach(task -> moving.add(task.id()));
        order.removeIf(task -> moving.contains(task.id()));
        int at;
        if (previous != null) {
            EmulatedTask sibling = live(order, previous);
            if (sibling == null || !java.util.Objects.equals(sibling.parent(), parent)) {
                throw new IllegalArgumentException("Invalid previous task: " + previous);
            }
            at = order.indexOf(sibling) + 1;
            while (at < order.size() && descends(order, order.get(at), sibling.id())) {
                at++;
            }
        } else if (parent != null) {
            EmulatedTask parentTask = live(order, parent);
            if (parentTask == null) {
                throw new IllegalArgumentException("Invalid parent task: " + parent);
            }
            at = order.indexOf(parentTask) + 1;
        } else {
            at = 0;
        }
        order.addAll(at, block);
        Map<String, EmulatedTask> renumbered = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            EmulatedTask t = order.get(i);
            renumbered.put(t.id(), new EmulatedTask(t.id(), t.title(), t.notes(), t.status(), t.due(), t.completed(),
                    t.deleted(), t.hidden(), t.updated(), String.format("%020d", i), t.parent(), t.revision()));
        }
        list.tasks.clear();
        list.tasks.putAll(renumbered);
    }

    /** The task and every task below it, in list order. */
    static List<EmulatedTask> subtree(TaskListState list, EmulatedTask root) {
        List<EmulatedTask> order = new ArrayList<>(list.tasks.values());
        List<EmulatedTask> out = new ArrayList<>();
        for (EmulatedTask task : order) {
            if (task.id().equals(root.id()) || !task.deleted() && descends(order, task, root.id())) {
                out.add(task);
            }
        }
        return out;
    }

    private static EmulatedTask live(List<EmulatedTask> order, String id) {
        for (EmulatedTask task : order) {
            if (task.id().equals(id) && !task.deleted()) {
                return task;
            }
        }
        return null;
    }

    /** Whether {@code task} is below {@code ancestorId} (following parent links, which cannot cycle). */
    private static boolean descends(List<EmulatedTask> order, EmulatedTask task, String ancestorId) {
        Map<String, String> parents = new LinkedHashMap<>();
        order.forEach(t -> parents.put(t.id(), t.parent()));
        String parent = task.parent();
        int guard = 0;
        while (parent != null && guard++ < order.size()) {
            if (parent.equals(ancestorId)) {
                return true;
            }
            parent = parents.get(parent);
        }
        return false;
    }
}
