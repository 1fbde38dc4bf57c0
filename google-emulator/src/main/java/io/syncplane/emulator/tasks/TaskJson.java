package io.syncplane.emulator.tasks;

import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.GoogleErrors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the Task resource of an insert, patch or update body. Read-only members (id, etag, updated, position,
 * parent, hidden, deleted, completed, links) are ignored, as Google ignores them; {@code completed} follows from
 * {@code status}.
 */
final class TaskJson {

    private static final int MAX_TITLE = 1024;
    private static final int MAX_NOTES = 8192;

    private final ObjectNode body;

    TaskJson(ObjectNode body) {
        this.body = body;
    }

    /** A new task, or the whole task of an update: what the body leaves out is empty. */
    TaskContent content(boolean hidden) {
        return build(text("title"), text("notes"), due(), status(), hidden);
    }

    /** A patch: only the members present change; an explicit null clears notes or due. */
    TaskContent patch(TaskContent current) {
        return build(body.has("title") ? text("title") : current.title(),
                body.has("notes") ? text("notes") : current.notes(),
                body.has("due") ? due() : current.due(),
                body.has("status") && text("status") != null ? status() : current.status(), current.hidden());
    }

    private static TaskContent build(String title, String notes, LocalDate due, String status, boolean hidden) {
        if (title != null && title.length() > MAX_TITLE) {
            throw new ApiException(GoogleErrors.invalidArgument("Invalid Value: title is longer than " + MAX_TITLE
                    + " characters."));
        }
        if (notes != null && notes.length() > MAX_NOTES) {
            throw new ApiException(GoogleErrors.invalidArgument("Invalid Value: notes are longer than " + MAX_NOTES
                    + " characters."));
        }
        return new TaskContent(title, notes, due, status, hidden);
    }

    private String status() {
        String status = text("status");
        if (status == null) {
            return "needsAction";
        }
        if (!status.equals("needsAction") && !status.equals("completed")) {
            throw new ApiException(GoogleErrors.invalidArgument("Invalid task status: " + status));
        }
        return status;
    }

    /** Tasks keeps only the date of {@code due} (an RFC 3339 time; a bare date is accepted too). */
    private LocalDate due() {
        String due = text("due");
        if (due == null) {
            return null;
        }
        try {
            return due.length() == 10 ? LocalDate.parse(due)
                    : OffsetDateTime.parse(due).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeException e) {
            throw new ApiException(GoogleErrors.invalidArgument("Invalid value for due: " + due));
        }
    }

    private String text(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
