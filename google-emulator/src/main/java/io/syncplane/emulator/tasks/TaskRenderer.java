package io.syncplane.emulator.tasks;

import io.syncplane.emulator.http.Json;
import tools.jackson.databind.node.ObjectNode;

import java.time.ZoneOffset;

/** Tasks' JSON for task lists and tasks, shared by the read and the write endpoints. */
final class TaskRenderer {

    private final String rootUrl;

    TaskRenderer(String rootUrl) {
        this.rootUrl = rootUrl;
    }

    ObjectNode list(TaskListView list) {
        ObjectNode node = Json.object();
        node.put("kind", "tasks#taskList");
        node.put("id", list.id());
        node.put("etag", "\"" + list.updated().toEpochMilli() + "\"");
        node.put("title", list.title());
        node.put("updated", Json.rfc3339(list.updated()));
        node.put("selfLink", rootUrl + "tasks/v1/users/@me/lists/" + list.id());
        return node;
    }

    ObjectNode task(String listId, EmulatedTask task) {
        ObjectNode node = Json.object();
        node.put("kind", "tasks#task");
        node.put("id", task.id());
        node.put("etag", task.etag());
        node.put("title", task.title());
        node.put("updated", Json.rfc3339(task.updated()));
        node.put("selfLink", rootUrl + "tasks/v1/lists/" + listId + "/tasks/" + task.id());
        node.put("position", task.position());
        if (task.parent() != null) {
            node.put("parent", task.parent());
        }
        if (task.notes() != null) {
            node.put("notes", task.notes());
        }
        node.put("status", task.status());
        if (task.due() != null) {
            node.put("due", Json.rfc3339(task.due().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (task.completed() != null) {
            node.put("completed", Json.rfc3339(task.completed()));
        }
        if (task.deleted()) {
            node.put("deleted", true);
        }
        if (task.hidden()) {
            node.put("hidden", true);
        }
        node.putArray("links");
        return node;
    }
}
