package io.syncplane.emulator.tasks;

import io.syncplane.emulator.cursor.CursorCodec;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleError;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.ParamParsers;
import io.syncplane.emulator.http.Params;
import io.syncplane.emulator.http.RouteTable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Tasks v1: tasklists.list/get and tasks.list/get with updatedMin, showDeleted, showHidden, showCompleted; the task
 * writes live in {@link TaskWriteEndpoints}.
 */
public final class TasksEndpoints {

    private static final String PAGE = "TP";

    private final TaskRenderer render;

    public TasksEndpoints(String rootUrl) {
        this.render = new TaskRenderer(rootUrl);
    }

    public void register(RouteTable routes) {
        routes.api("GET", "tasks/v1/users/@me/lists", Api.TASKS, 1, this::lists);
        routes.api("GET", "tasks/v1/users/@me/lists/{}", Api.TASKS, 1, this::getList);
        routes.api("GET", "tasks/v1/lists/{}/tasks", Api.TASKS, 1, this::tasks);
        routes.api("GET", "tasks/v1/lists/{}/tasks/{}", Api.TASKS, 1, this::getTask);
    }

    private ApiResponse lists(Call call) {
        Params params = call.params();
        int max = ParamParsers.pageSize(params, "maxResults", 1000, 1, 1000, raw -> invalid("maxResults", raw));
        List<TaskListView> lists = call.user().tasks().lists();
        String after = afterKey(params, "lists");
        int from = after == null ? 0 : Integer.parseInt(after);
        ObjectNode body = Json.object();
        body.put("kind", "tasks#taskLists");
        body.put("etag", "\"" + lists.hashCode() + "\"");
        if (from + max < lists.size()) {
            body.put("nextPageToken", CursorCodec.encode(PAGE, "lists", Integer.toString(from + max)));
        }
        ArrayNode items = body.putArray("items");
        for (TaskListView list : lists.subList(Math.min(from, lists.size()), Math.min(from + max, lists.size()))) {
            items.add(render.list(list));
        }
        return ApiResponse.ok(Json.bytes(body));
    }

    private ApiResponse getList(Call call) {
        return ApiResponse.ok(Json.bytes(render.list(requireList(call))));
    }

    private ApiResponse tasks(Call call) {
        TaskListView list = requireList(call);
        Params params = call.params();
        int max = ParamParsers.pageSize(params, "maxResults", 20, 1, 100, raw -> invalid("maxResults", raw));
        Predicate<EmulatedTask> filter = filter(params);
        List<EmulatedTask> matching = new ArrayList<>();
        for (EmulatedTask task : list.tasks()) {
            if (filter.test(task)) {
                matching.add(task);
            }
        }
        String afterPosition = afterKey(params, fingerprint(params, list.id()));
        int from = 0;
        while (afterPosition != null && from < matching.size()
                && matching.get(from).position().compareTo(afterPosition) <= 0) {
            from++;
        }
        int to = Math.min(from + max, matching.size());
        ObjectNode body = Json.object();
        body.put("kind", "tasks#tasks");
        body.put("etag", "\"" + list.updated().toEpochMilli() + "\"");
        if (to < matching.size()) {
            // Continue after the last position returned, so deletions between pages never skip a task.
            body.put("nextPageToken", CursorCodec.encode(PAGE, fingerprint(params, list.id()),
                    matching.get(to - 1).position()));
        }
        ArrayNode items = body.putArray("items");
        for (EmulatedTask task : matching.subList(from, to)) {
            items.add(render.task(list.id(), task));
        }
        return ApiResponse.ok(Json.bytes(body));
    }

    private ApiResponse getTask(Call call) {
        TaskListView list = requireList(call);
        return list.tasks().stream().filter(task -> task.id().equals(call.var(1))).findFirst()
                .map(task -> ApiResponse.ok(Json.bytes(render.task(list.id(), task))))
                .orElseThrow(() -> new ApiException(GoogleErrors.notFound()));
    }

    static TaskListView requireList(Call call) {
        TaskListView list = call.user().tasks().list(call.var(0));
        if (list == null) {
            throw new ApiException(GoogleErrors.notFound());
        }
        return list;
    }

    private static Predicate<EmulatedTask> filter(Params params) {
        boolean showDeleted = ParamParsers.bool(params, "showDeleted", false, raw -> invalid("showDeleted", raw));
        boolean showHidden = ParamParsers.bool(params, "showHidden", false, raw -> invalid("showHidden", raw));
        boolean showCompleted = ParamParsers.bool(params, "showCompleted", true,
                raw -> invalid("showCompleted", raw));
        Instant updatedMin = ParamParsers.rfc3339(params, "updatedMin", raw -> invalid("updatedMin", raw));
        Instant completedMin = ParamParsers.rfc3339(params, "completedMin", raw -> invalid("completedMin", raw));
        Instant completedMax = ParamParsers.rfc3339(params, "completedMax", raw -> invalid("completedMax", raw));
        Instant dueMin = ParamParsers.rfc3339(params, "dueMin", raw -> invalid("dueMin", raw));
        Instant dueMax = ParamParsers.rfc3339(params, "dueMax", raw -> invalid("dueMax", raw));
        return task -> {
            if (task.deleted() && !showDeleted || task.hidden() && !showHidden
                    || task.done() && !showCompleted) {
                return false;
            }
            if (updatedMin != null && task.updated().isBefore(updatedMin)) {
                return false;
            }
            if ((completedMin != null || completedMax != null) && task.completed() == null) {
                return false;
            }
            if (completedMin != null && task.completed().isBefore(completedMin)
                    || completedMax != null && !task.completed().isBefore(completedMax)) {
                return false;
            }
            Instant due = task.due() == null ? null : task.due().atStartOfDay(ZoneOffset.UTC).toInstant();
            if ((dueMin != null || dueMax != null) && due == null) {
                return false;
            }
            return !(dueMin != null && due.isBefore(dueMin) || dueMax != null && !due.isBefore(dueMax));
        };
    }

    private static String afterKey(Params params, String fingerprint) {
        String pageToken = params.text("pageToken");
        if (pageToken == null) {
            return null;
        }
        List<String> fields = CursorCodec.decode(PAGE, pageToken, 2);
        if (fields == null || !fields.get(0).equals(fingerprint)) {
            throw new ApiException(invalid("pageToken", pageToken));
        }
        return fields.get(1);
    }

    private static String fingerprint(Params params, String listId) {
        StringBuilder out = new StringBuilder(listId).append('|');
        for (String name : new TreeSet<>(params.names())) {
            if (!name.equals("pageToken") && !name.equals("maxResults")) {
                out.append(name).append('=').append(params.all(name)).append('&');
            }
        }
        return Integer.toHexString(out.toString().hashCode());
    }

    private static GoogleError invalid(String parameter, String value) {
        return GoogleErrors.invalidParameter(parameter, value);
    }
}
