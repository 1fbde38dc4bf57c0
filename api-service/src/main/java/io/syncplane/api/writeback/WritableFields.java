package io.syncplane.api.writeback;

import io.syncplane.api.web.ApiException;
import io.syncplane.domain.Source;
import io.syncplane.writeback.OperationKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of Google's fields an application may write per source, and the checks that make a request Google would
 * refuse fail here, at once, with a 400 naming the field, instead of hours later in the outbox. Read-only fields
 * (ids, etags, timestamps Google keeps) are refused rather than silently dropped.
 */
final class WritableFields {

    private static final Map<Source, Set<String>> WRITABLE = new EnumMap<>(Map.of(
            Source.CALENDAR, Set.of("summary", "description", "location", "start", "end", "attendees", "recurrence",
                    "colorId", "transparency", "visibility", "reminders", "extendedProperties"),
            Source.TASKS, Set.of("title", "notes", "due", "status", "parent", "previous"),
            Source.CONTACTS, Set.of("names", "emailAddresses", "phoneNumbers", "organizations", "addresses",
                    "biographies", "birthdays", "urls", "nicknames", "occupations"),
            Source.GMAIL, Set.of("addLabelIds", "removeLabelIds", "trash")));

    /** Top-level fields of Google's resources beyond the writable ones: application fields may not take them. */
    private static final Set<String> GOOGLE_OWNED = Set.of("id", "etag", "kind", "status", "updated", "created",
            "selfLink", "htmlLink", "iCalUID", "sequence", "organizer", "creator", "recurringEventId",
            "originalStartTime", "eventType", "resourceName", "metadata", "threadId", "labelIds", "snippet",
            "historyId", "internalDate", "payload", "sizeEstimate", "raw", "position", "completed", "hidden",
            "deleted", "links", "webViewLink", "clientData");

    private static final Pattern APP_FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final int MAX_LABEL_CHANGES = 100;

    private WritableFields() {
    }

    static void check(String at, Source source, OperationKind kind, Map<String, Object> fields) {
        if (kind == OperationKind.DELETE) {
            if (!fields.isEmpty()) {
                throw bad(at + ".fields", "a delete takes no fields");
            }
            return;
        }
        Set<String> writable = WRITABLE.get(source);
        for (String name : fields.keySet()) {
            if (!writable.contains(name)) {
                throw bad(at + ".fields." + name, "'" + name + "' is not a field Syncplane writes to "
                        + source.id() + "; writable: " + writable.stream().sorted().toList());
            }
        }
        switch (source) {
            case CALENDAR -> calendar(at, kind, fields);
            case TASKS -> tasks(at, kind, fields);
            case CONTACTS -> contacts(at, kind, fields);
            case GMAIL -> gmail(at, fields);
        }
    }

    static void checkAppFields(String at, Source source, Map<String, Object> appFields) {
        for (String name : appFields.keySet()) {
            if (!APP_FIELD_NAME.matcher(name).matches()) {
                throw bad(at + ".appFields." + name, "application field names are 1-64 letters, digits or _,"
                        + " starting with a letter");
            }
            if (GOOGLE_OWNED.contains(name) || WRITABLE.get(source).contains(name)) {
                throw bad(at + ".appFields." + name, "'" + name + "' is a Google field of " + source.id()
                        + "; application fields need names of their own");
            }
        }
    }

    private static void calendar(String at, OperationKind kind, Map<String, Object> fields) {
        if (kind == OperationKind.CREATE) {
            for (String required : List.of("start", "end")) {
                if (!fields.containsKey(required)) {
                    throw bad(at + ".fields." + required, "a new event needs '" + required + "'");
                }
            }
        }
        for (String time : List.of("start", "end")) {
            if (fields.containsKey(time)) {
                if (!(fields.get(time) instanceof Map<?, ?> value)
                        || !(value.get("dateTime") instanceof String || value.get("date") instanceof String)) {
                    throw bad(at + ".fields." + time, "'" + time + "' is {\"dateTime\": RFC 3339} or"
                            + " {\"date\": \"yyyy-mm-dd\"}, as in Google's Event resource");
                }
            }
        }
        requireText(at, fields, "summary");
    }

    private static void tasks(String at, OperationKind kind, Map<String, Object> fields) {
        if (kind == OperationKind.CREATE && !(fields.get("title") instanceof String)) {
            throw bad(at + ".fields.title", "a new task needs a 'title'");
        }
        requireText(at, fields, "title");
        requireText(at, fields, "notes");
        if (fields.get("title") instanceof String title && title.length() > 1024) {
            throw bad(at + ".fields.title", "Google keeps at most 1024 characters of a task's title");
        }
        if (fields.get("notes") instanceof String notes && notes.length() > 8192) {
            throw bad(at + ".fields.notes", "Google keeps at most 8192 characters of a task's notes");
        }
        if (fields.containsKey("status") && !List.of("needsAction", "completed").contains(fields.get("status"))) {
            throw bad(at + ".fields.status", "a task's status is 'needsAction' or 'completed'");
        }
        if (kind != OperationKind.CREATE && (fields.containsKey("parent") || fields.containsKey("previous"))) {
            throw bad(at + ".fields", "'parent' and 'previous' place a new task; Google moves existing ones only"
                    + " with a move (destinationTasklistId)");
        }
    }

    private static void contacts(String at, OperationKind kind, Map<String, Object> fields) {
        if (kind == OperationKind.CREATE && fields.isEmpty()) {
            throw bad(at + ".fields", "name at least one of " + WRITABLE.get(Source.CONTACTS).stream().sorted()
                    .toList());
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!(field.getValue() instanceof List<?>)) {
                throw bad(at + ".fields." + field.getKey(), "People fields are lists, as in Google's Person"
                        + " resource (e.g. \"names\": [{\"givenName\": \"Ada\"}])");
            }
        }
    }

    private static void gmail(String at, Map<String, Object> fields) {
        for (String list : List.of("addLabelIds", "removeLabelIds")) {
            Object value = fields.get(list);
            if (value == null) {
                continue;
            }
            if (!(value instanceof List<?> labels) || labels.stream().anyMatch(l -> !(l instanceof String))) {
                throw bad(at + ".fields." + list, "'" + list + "' is a list of label ids");
            }
            if (labels.size() > MAX_LABEL_CHANGES) {
                throw bad(at + ".fields." + list, "Gmail takes at most " + MAX_LABEL_CHANGES + " label ids");
            }
        }
        if (fields.containsKey("trash") && !(fields.get("trash") instanceof Boolean)) {
            throw bad(at + ".fields.trash", "'trash' is true (move to trash) or false (take out of the trash)");
        }
        if (fields.containsKey("trash") && fields.size() > 1) {
            throw bad(at + ".fields", "send 'trash' on its own: Gmail trashes and relabels in separate calls");
        }
    }

    private static void requireText(String at, Map<String, Object> fields, String name) {
        if (fields.containsKey(name) && !(fields.get(name) instanceof String)) {
            throw bad(at + ".fields." + name, "'" + name + "' is a string");
        }
    }

    static ApiException bad(String parameter, String detail) {
        return ApiException.badParameter(parameter, parameter + ": " + detail);
    }
}
