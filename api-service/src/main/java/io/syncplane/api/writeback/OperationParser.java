package io.syncplane.api.writeback;

import io.syncplane.api.web.ApiException;
import io.syncplane.domain.Source;
import io.syncplane.writeback.OperationKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Checks one operation's shape (everything that needs no database) and fingerprints it for its idempotency key. */
final class OperationParser {

    private static final int MAX_KEY_LENGTH = 200;
    // Sorted keys: the same operation hashes the same whatever order the client's JSON listed its fields in.
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final Clock clock;

    OperationParser(Clock clock) {
        this.clock = clock;
    }

    ParsedOperation parse(int index, OperationRequest request) {
        String at = "operations[" + index + "]";
        if (request == null) {
            throw WritableFields.bad(at, "an operation is an object");
        }
        Source source = Source.fromId(request.source()).orElseThrow(() -> WritableFields.bad(at + ".source",
                "source is one of gmail, calendar, contacts, tasks"));
        if (request.connectionId() == null || request.connectionId() <= 0) {
            throw WritableFields.bad(at + ".connectionId", "connectionId names one of the user's connections");
        }
        OperationKind kind = OperationKind.fromId(request.op()).orElseThrow(() -> WritableFields.bad(at + ".op",
                "op is create, update or delete"));
        if (source == Source.GMAIL && kind != OperationKind.UPDATE) {
            throw WritableFields.bad(at + ".op", "mail supports update only (labels, trash): Syncplane does not"
                    + " send or delete messages");
        }
        boolean needsId = kind != OperationKind.CREATE;
        if (needsId && (request.id() == null || request.id().isBlank())) {
            throw WritableFields.bad(at + ".id", article(kind) + " names the item by its id from the change feed");
        }
        if (!needsId && request.id() != null) {
            throw WritableFields.bad(at + ".id", "a create takes no id: Google assigns it (it is in the status and"
                    + " the change feed once applied)");
        }
        if (needsId && source != Source.GMAIL && request.baseVersion() == null) {
            throw WritableFields.bad(at + ".baseVersion", article(kind) + " names the version it is based on:"
                    + " the item's version from the change feed");
        }
        if (request.baseVersion() != null && (request.baseVersion() < 1 || !needsId)) {
            throw WritableFields.bad(at + ".baseVersion", needsId ? "baseVersion is a version from the change feed"
                    : "a create has no base version");
        }
        String key = request.idempotencyKey();
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw WritableFields.bad(at + ".idempotencyKey", "idempotencyKey is 1-" + MAX_KEY_LENGTH + " characters,"
                    + " unique per change: sending the same key again returns the first result");
        }
        String container = container(at, source, request);
        if (request.destinationTasklistId() != null
                && (source != Source.TASKS || kind != OperationKind.UPDATE || request.destinationTasklistId().isBlank())) {
            throw WritableFields.bad(at + ".destinationTasklistId", "moves a task: only with source tasks, op update");
        }
        Map<String, Object> fields = request.fields() == null ? Map.of() : request.fields();
        WritableFields.check(at, source, kind, fields);
        Map<String, Object> appFields = request.appFields();
        if (appFields != null) {
            if (kind != OperationKind.UPDATE) {
                throw WritableFields.bad(at + ".appFields", "application fields go with an update of an item"
                        + " Syncplane has (after a create is applied, update it with them)");
            }
            if (appFields.isEmpty()) {
                throw WritableFields.bad(at + ".appFields", "appFields is omitted or names at least one field");
            }
            WritableFields.checkAppFields(at, source, appFields);
        }
        if (kind == OperationKind.UPDATE && fields.isEmpty() && appFields == null
                && request.destinationTasklistId() == null) {
            throw WritableFields.bad(at + ".fields", "an update changes something: fields, appFields or a move");
        }
        return new ParsedOperation(index, source, request.connectionId(), kind, request.id(), container,
                request.destinationTasklistId(), request.baseVersion(), fields, appFields, key,
                request.modifiedAt() == null ? clock.instant() : request.modifiedAt(), hash(request));
    }

    private static String article(OperationKind kind) {
        return (kind == OperationKind.UPDATE ? "an " : "a ") + kind.id();
    }

    private static String container(String at, Source source, OperationRequest request) {
        if (request.calendarId() != null && source != Source.CALENDAR) {
            throw WritableFields.bad(at + ".calendarId", "calendarId is for calendar operations");
        }
        if (request.tasklistId() != null && source != Source.TASKS) {
            throw WritableFields.bad(at + ".tasklistId", "tasklistId is for tasks operations");
        }
        String container = source == Source.CALENDAR ? request.calendarId() : request.tasklistId();
        if (container != null && container.isBlank()) {
            throw WritableFields.bad(at + (source == Source.CALENDAR ? ".calendarId" : ".tasklistId"),
                    "omit it or name one");
        }
        return container;
    }

    private static byte[] hash(OperationRequest request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsString(request)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static ApiException tooMany(int max) {
        return ApiException.badParameter("operations", "operations: at most " + max + " per upload");
    }
}
