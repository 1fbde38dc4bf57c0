package io.syncplane.emulator.calendar;

import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.GoogleErrors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the Event resource of an insert, patch or update body into the emulator's {@link NewEvent} and
 * {@link EventChange}. Only what the emulator stores is read (summary, description, location, start, end,
 * recurrence, id); other members are accepted and ignored, as Calendar ignores read-only ones.
 */
final class EventJson {

    /** Calendar's rule for client-supplied ids: base32hex characters, 5 to 1024 of them. */
    private static final Pattern CLIENT_ID = Pattern.compile("[a-v0-9]{5,1024}");

    private final ObjectNode body;

    EventJson(ObjectNode body) {
        this.body = body;
    }

    /** The client-supplied id of an insert, or null; 400 invalid when it breaks Calendar's rule. */
    String clientId() {
        String id = text("id");
        if (id != null && !CLIENT_ID.matcher(id).matches()) {
            throw new ApiException(GoogleErrors.calendarInvalid("Invalid resource id value.", null));
        }
        return id;
    }

    /** A new event (insert): start and end are required. */
    NewEvent newEvent() {
        return new NewEvent(text("summary"), text("description"), text("location"), requiredTime("start"),
                requiredTime("end"), recurrence());
    }

    /** events.patch: only the members present change; an explicit null clears description or location. */
    EventChange patch() {
        return change(text("summary"), clearable("description"), clearable("location"), time("start"),
                time("end"), recurrence());
    }

    /** events.update: the body is the whole event, so what it leaves out is cleared (but a series keeps its rules). */
    EventChange replacement() {
        String summary = text("summary");
        String description = text("description");
        String location = text("location");
        return change(summary == null ? "" : summary, description == null ? "" : description,
                location == null ? "" : location, requiredTime("start"), requiredTime("end"), recurrence());
    }

    private static EventChange change(String summary, String description, String location, EventTime start,
                                      EventTime end, List<String> recurrence) {
        try {
            return new EventChange(summary, description, location, start, end, recurrence);
        } catch (IllegalArgumentException e) {
            throw new ApiException(GoogleErrors.calendarInvalid(e.getMessage(), null));
        }
    }

    private String text(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** Present and null → "" (clear); absent → null (keep). */
    private String clearable(String field) {
        if (!body.has(field)) {
            return null;
        }
        String text = text(field);
        return text == null ? "" : text;
    }

    private EventTime requiredTime(String field) {
        EventTime time = time(field);
        if (time == null) {
            throw new ApiException(GoogleErrors.calendarRequired(field));
        }
        return time;
    }

    /** {@code {"dateTime":"2026-03-02T10:00:00.000+01:00"}} or {@code {"date":"2026-03-02"}}; null when absent. */
    private EventTime time(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode dateTime = node.get("dateTime");
        JsonNode date = node.get("date");
        try {
            if (dateTime != null && !dateTime.isNull()) {
                return EventTime.at(OffsetDateTime.parse(dateTime.asString()).toInstant());
            }
            if (date != null && !date.isNull()) {
                return EventTime.allDay(LocalDate.parse(date.asString()));
            }
        } catch (DateTimeException e) {
            throw new ApiException(GoogleErrors.calendarInvalid("Invalid " + field + " time.", null));
        }
        throw new ApiException(GoogleErrors.calendarRequired(field + ".dateTime"));
    }

    private List<String> recurrence() {
        JsonNode node = body.get("recurrence");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new ApiException(GoogleErrors.calendarInvalid("Invalid recurrence rule.", null));
        }
        List<String> lines = new ArrayList<>();
        node.forEach(line -> lines.add(line.asString()));
        return lines.isEmpty() ? null : lines;
    }
}
