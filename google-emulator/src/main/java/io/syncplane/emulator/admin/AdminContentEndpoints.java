package io.syncplane.emulator.admin;

import io.syncplane.emulator.calendar.EventChange;
import io.syncplane.emulator.calendar.EventTime;
import io.syncplane.emulator.calendar.NewEvent;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.people.ContactChange;
import io.syncplane.emulator.people.NewContact;
import io.syncplane.emulator.tasks.NewTask;
import io.syncplane.emulator.tasks.TaskChange;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * Admin HTTP: adding, changing and deleting messages, labels, calendars, events (recurring series and their
 * occurrences too), contacts, task lists and tasks.
 */
public final class AdminContentEndpoints {

    private final EmulatorAdmin admin;

    public AdminContentEndpoints(EmulatorAdmin admin) {
        this.admin = admin;
    }

    public void register(RouteTable table) {
        new AdminRoutes(table)
                .post("users/{}/gmail/messages", this::addMessage)
                .delete("users/{}/gmail/messages/{}", call -> {
                    admin.deleteMessage(call.var(0), call.var(1));
                    return ApiResponse.noContent();
                })
                .post("users/{}/gmail/messages/{}/labels", this::modifyLabels)
                .post("users/{}/gmail/labels", call -> AdminJson.ok(admin.createLabel(call.var(0),
                        AdminJson.requiredText(body(call), "name"))))
                .get("users/{}/calendars", call -> AdminJson.ok(admin.calendars(call.var(0))))
                .post("users/{}/calendars", call -> {
                    JsonNode body = body(call);
                    return AdminJson.ok(admin.addCalendar(call.var(0), AdminJson.requiredText(body, "summary"),
                            Objects.requireNonNullElse(AdminJson.text(body, "accessRole"), "owner")));
                })
                .delete("users/{}/calendars/{}", call -> {
                    admin.removeCalendar(call.var(0), call.var(1));
                    return ApiResponse.noContent();
                })
                .post("users/{}/calendar/{}/expire-sync-tokens", call -> {
                    admin.expireCalendarCursors(call.var(0), call.var(1));
                    return ApiResponse.noContent();
                })
                .patch("users/{}/calendar/{}/events/{}/instances/{}", call -> AdminJson.ok(admin.changeInstance(
                        call.var(0), call.var(1), call.var(2), AdminJson.eventTime(call.var(3), "originalStart"),
                        eventChange(body(call)))))
                .delete("users/{}/calendar/{}/events/{}/instances/{}", call -> AdminJson.ok(admin.cancelInstance(
                        call.var(0), call.var(1), call.var(2), AdminJson.eventTime(call.var(3), "originalStart"))))
                .post("users/{}/calendar/{}/events", this::addEvent)
                .patch("users/{}/calendar/{}/events/{}", this::updateEvent)
                .delete("users/{}/calendar/{}/events/{}", call -> AdminJson.ok(
                        admin.deleteEvent(call.var(0), call.var(1), call.var(2))))
                .post("users/{}/contacts", this::addContact)
                .patch("users/{}/contacts/{}", this::updateContact)
                .delete("users/{}/contacts/{}", call -> AdminJson.ok(
                        admin.deleteContact(call.var(0), "people/" + call.var(1))))
                .post("users/{}/tasklists", call -> AdminJson.ok(admin.addTaskList(call.var(0),
                        AdminJson.requiredText(body(call), "title"))))
                .post("users/{}/tasklists/{}/tasks", this::addTask)
                .patch("users/{}/tasklists/{}/tasks/{}", this::updateTask)
                .delete("users/{}/tasklists/{}/tasks/{}", call -> AdminJson.ok(
                        admin.deleteTask(call.var(0), call.var(1), call.var(2))));
    }

    private static JsonNode body(Call call) {
        return Json.parseObject(call.request());
    }

    private ApiResponse addMessage(Call call) {
        JsonNode body = body(call);
        String subject = Objects.requireNonNullElse(AdminJson.text(body, "subject"), "(no subject)");
        NewMessage message = new NewMessage(AdminJson.text(body, "from"), AdminJson.text(body, "to"), subject,
                Objects.requireNonNullElse(AdminJson.text(body, "body"), ""), AdminJson.strings(body, "labelIds"),
                AdminJson.text(body, "threadId"));
        return AdminJson.ok(admin.addMessage(call.var(0), message));
    }

    private ApiResponse modifyLabels(Call call) {
        JsonNode body = body(call);
        List<String> add = Objects.requireNonNullElse(AdminJson.strings(body, "add"), List.of());
        List<String> remove = Objects.requireNonNullElse(AdminJson.strings(body, "remove"), List.of());
        return AdminJson.ok(admin.modifyLabels(call.var(0), call.var(1), add, remove));
    }

    private ApiResponse addEvent(Call call) {
        JsonNode body = body(call);
        EventTime start = AdminJson.eventTime(body, "start");
        EventTime end = AdminJson.eventTime(body, "end");
        if (start == null || end == null) {
            throw AdminJson.bad("'start' and 'end' are required");
        }
        NewEvent event = new NewEvent(AdminJson.text(body, "summary"), AdminJson.text(body, "description"),
                AdminJson.text(body, "location"), start, end, AdminJson.strings(body, "recurrence"));
        return AdminJson.ok(admin.addEvent(call.var(0), call.var(1), event));
    }

    private ApiResponse updateEvent(Call call) {
        return AdminJson.ok(admin.updateEvent(call.var(0), call.var(1), call.var(2), eventChange(body(call))));
    }

    private static EventChange eventChange(JsonNode body) {
        return new EventChange(AdminJson.text(body, "summary"), AdminJson.text(body, "description"),
                AdminJson.text(body, "location"), AdminJson.eventTime(body, "start"),
                AdminJson.eventTime(body, "end"));
    }

    private ApiResponse addContact(Call call) {
        JsonNode body = body(call);
        NewContact contact = new NewContact(AdminJson.text(body, "givenName"), AdminJson.text(body, "familyName"),
                AdminJson.text(body, "email"), AdminJson.text(body, "phone"), AdminJson.text(body, "organization"));
        return AdminJson.ok(admin.addContact(call.var(0), contact));
    }

    private ApiResponse updateContact(Call call) {
        JsonNode body = body(call);
        ContactChange change = new ContactChange(AdminJson.text(body, "givenName"),
                AdminJson.text(body, "familyName"), AdminJson.text(body, "email"), AdminJson.text(body, "phone"),
                AdminJson.text(body, "organization"));
        return AdminJson.ok(admin.updateContact(call.var(0), "people/" + call.var(1), change));
    }

    private ApiResponse addTask(Call call) {
        JsonNode body = body(call);
        NewTask task = new NewTask(AdminJson.requiredText(body, "title"), AdminJson.text(body, "notes"),
                AdminJson.date(body, "due"));
        return AdminJson.ok(admin.addTask(call.var(0), call.var(1), task));
    }

    private ApiResponse updateTask(Call call) {
        JsonNode body = body(call);
        TaskChange change = new TaskChange(AdminJson.text(body, "title"), AdminJson.text(body, "notes"),
                AdminJson.date(body, "due"), AdminJson.bool(body, "completed"), AdminJson.bool(body, "hidden"));
        return AdminJson.ok(admin.updateTask(call.var(0), call.var(1), call.var(2), change));
    }
}
