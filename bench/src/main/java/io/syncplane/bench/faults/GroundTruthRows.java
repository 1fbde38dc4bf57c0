package io.syncplane.bench.faults;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The emulator's ground truth ({@code GET /admin/users/{email}/state}) as {@link CopyRow}s per source: the fields
 * Google would hand a full sync right now, normalised the way {@link StoredRows} normalises the copy.
 */
final class GroundTruthRows {

    private GroundTruthRows() {
    }

    static Map<String, List<CopyRow>> of(JsonNode truth) {
        Map<String, List<CopyRow>> bySource = new LinkedHashMap<>();
        List<CopyRow> messages = new ArrayList<>();
        for (JsonNode message : truth.get("messages")) {
            messages.add(new CopyRow(message.get("id").asString(), gmailFields(text(message, "threadId"),
                    labels(message.get("labelIds")), text(message, "subject"))));
        }
        bySource.put("gmail", messages);
        List<CopyRow> events = new ArrayList<>();
        for (Map.Entry<String, JsonNode> calendar : truth.get("eventsByCalendar").properties()) {
            // every calendar the account can read, keyed by its real id (the primary one's is the account's address),
            // as the connector keys its copy
            String calendarId = calendar.getKey();
            for (JsonNode event : calendar.getValue()) {
                if ("cancelled".equals(text(event, "status"))) {
                    // a cancelled occurrence of a live series: listed, and kept as a row of its own; Google's sync
                    // answer carries only its id, series and time, so only its last change is compared
                    events.add(new CopyRow(calendarId + "/" + event.get("id").asString(),
                            eventFields(null, CANCELLED_OCCURRENCE, wire(event.get("updated").asString()))));
                    continue;
                }
                JsonNode start = event.get("start");
                String startAt = start.hasNonNull("dateTime") ? wire(start.get("dateTime").asString()) : "date:" + text(start, "date");
                events.add(new CopyRow(calendarId + "/" + event.get("id").asString(), eventFields(
                        text(event, "summary"), startAt, wire(event.get("updated").asString()))));
            }
        }
        bySource.put("calendar", events);
        List<CopyRow> contacts = new ArrayList<>();
        for (JsonNode contact : truth.get("contacts")) {
            if (contact.path("deleted").asBoolean(false)) {
                continue;
            }
            contacts.add(new CopyRow(contact.get("resourceName").asString(), contactFields(
                    text(contact, "givenName"), text(contact, "familyName"), single(text(contact, "email")),
                    single(text(contact, "phone")), text(contact, "organization"))));
        }
        bySource.put("contacts", contacts);
        List<CopyRow> tasks = new ArrayList<>();
        for (JsonNode list : truth.get("taskLists")) {
            for (JsonNode task : list.get("tasks")) {
                if (task.path("deleted").asBoolean(false)) {
                    continue;
                }
                String due = text(task, "due");
                tasks.add(new CopyRow(list.get("id").asString() + "/" + task.get("id").asString(), taskFields(
                        text(task, "title"), text(task, "status"),
                        due == null ? null : dueDate(due), Boolean.toString(task.path("hidden").asBoolean(false)),
                        wire(task.get("updated").asString()))));
            }
        }
        bySource.put("tasks", tasks);
        return bySource;
    }

    static Map<String, String> gmailFields(String threadId, String labels, String subject) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("threadId", threadId);
        fields.put("labelIds", labels);
        fields.put("subject", subject);
        return fields;
    }

    /** What stands for the start of a cancelled occurrence on both sides of the comparison. */
    static final String CANCELLED_OCCURRENCE = "cancelled occurrence";

    static Map<String, String> eventFields(String summary, String start, String updated) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("summary", summary);
        fields.put("start", start);
        fields.put("updated", updated);
        return fields;
    }

    static Map<String, String> contactFields(String given, String family, String emails, String phones,
                                             String organization) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("givenName", given);
        fields.put("familyName", family);
        fields.put("emails", emails);
        fields.put("phones", phones);
        fields.put("organization", organization);
        return fields;
    }

    static Map<String, String> taskFields(String title, String status, String due, String hidden, String updated) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("status", status);
        fields.put("due", due);
        fields.put("hidden", hidden);
        fields.put("updated", updated);
        return fields;
    }

    /** Tasks' due is a date sent as midnight UTC ({@code 2026-05-02T00:00:00.000Z}) or, from the admin API, a date. */
    private static String dueDate(String due) {
        return due.length() >= 10 ? LocalDate.parse(due.substring(0, 10)).toString() : due;
    }

    /** Google's wire carries milliseconds; the emulator's clock has more, which no client ever sees. */
    private static String wire(String instant) {
        return Instant.parse(instant).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String labels(JsonNode array) {
        TreeSet<String> sorted = new TreeSet<>();
        if (array != null) {
            array.forEach(label -> sorted.add(label.asString()));
        }
        return String.join(",", sorted);
    }

    private static String single(String value) {
        return value == null ? "" : value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
