package io.syncplane.emulator.tasks;

import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.oauth.Scopes;
import io.syncplane.emulator.store.StaleEtagException;

import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Tasks v1 writes: tasks.insert, patch, update, delete and move, through the {@link TaskBook} operations the admin API
 * uses. {@code @default} names the user's first list. {@code If-Match} with a task's etag is honoured (412
 * conditionNotMet), although whether Google honours it for Tasks is unconfirmed.
 */
public final class TaskWriteEndpoints {

    private static final String TASKS = "tasks/v1/lists/{}/tasks";

    private final TaskRenderer render;

    public TaskWriteEndpoints(String rootUrl) {
        this.render = new TaskRenderer(rootUrl);
    }

    public void register(RouteTable routes) {
        routes.write("POST", TASKS, Api.TASKS, 1, Scopes.TASKS_WRITE, this::insert);
        routes.write("PATCH", TASKS + "/{}", Api.TASKS, 1, Scopes.TASKS_WRITE, this::patch);
        routes.write("PUT", TASKS + "/{}", Api.TASKS, 1, Scopes.TASKS_WRITE, this::update);
        routes.write("DELETE", TASKS + "/{}", Api.TASKS, 1, Scopes.TASKS_WRITE, this::delete);
        routes.write("POST", TASKS + "/{}/move", Api.TASKS, 1, Scopes.TASKS_WRITE, this::move);
    }

    private ApiResponse insert(Call call) {
        TaskListView list = TasksEndpoints.requireList(call);
        TaskContent content = new TaskJson(Json.parseObject(call.request())).content(false);
        EmulatedTask task = guarded(() -> call.user().tasks().insertTask(list.id(), content,
                call.params().text("parent"), call.params().text("previous")));
        return written(list.id(), task);
    }

    private ApiResponse patch(Call call) {
        TaskListView list = TasksEndpoints.requireList(call);
        TaskJson body = new TaskJson(Json.parseObject(call.request()));
        EmulatedTask task = guarded(() -> call.user().tasks().editTask(list.id(), call.var(1),
                call.request().ifMatch(), body::patch));
        return written(list.id(), task);
    }

    private ApiResponse update(Call call) {
        TaskListView list = TasksEndpoints.requireList(call);
        TaskJson body = new TaskJson(Json.parseObject(call.request()));
        EmulatedTask task = guarded(() -> call.user().tasks().editTask(list.id(), call.var(1),
                call.request().ifMatch(), current -> body.content(current.hidden())));
        return written(list.id(), task);
    }

    private ApiResponse delete(Call call) {
        TaskListView list = TasksEndpoints.requireList(call);
        guarded(() -> call.user().tasks().deleteTask(list.id(), call.var(1), call.request().ifMatch()));
        return ApiResponse.noContent();
    }

    private ApiResponse move(Call call) {
        TaskListView list = TasksEndpoints.requireList(call);
        String destination = call.params().text("destinationTasklist");
        TaskListView target = destination == null ? list : call.user().tasks().list(destination);
        if (target == null) {
            throw new ApiException(GoogleErrors.notFound());
        }
        EmulatedTask task = guarded(() -> call.user().tasks().moveTask(list.id(), call.var(1),
                call.params().text("parent"), call.params().text("previous"), target.id()));
        return written(target.id(), task);
    }

    private ApiResponse written(String listId, EmulatedTask task) {
        return ApiResponse.ok(Json.bytes(render.task(listId, task)));
    }

    /** Runs a book operation, turning its refusals into Tasks' answers. */
    private static <T> T guarded(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (StaleEtagException e) {
            throw new ApiException(GoogleErrors.conditionNotMet(true));
        } catch (NoSuchElementException e) {
            throw new ApiException(GoogleErrors.notFound());
        } catch (IllegalArgumentException e) {
            throw new ApiException(GoogleErrors.invalidArgument(e.getMessage()));
        }
    }
}
