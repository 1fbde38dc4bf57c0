package io.syncplane.connector.calendar;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Calendar source's cursor: one sync token per synced calendar, stored as JSON in the ledger's cursor text,
 * {@code {"calendars":{"<calendarId>":"<syncToken>",...}}}. Calendar sync tokens belong to one calendar each, and a
 * calendar's token expiring (410) must not cost the others theirs, so they are kept apart; the map's keys are also
 * the calendars our copy holds rows of, which is how a calendar that left the calendar list is noticed.
 */
record CalendarCursor(SortedMap<String, String> tokens) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Map<String, String>>> SHAPE = new TypeReference<>() {
    };
    private static final String CALENDARS = "calendars";

    CalendarCursor {
        tokens = new TreeMap<>(tokens);
    }

    static CalendarCursor empty() {
        return new CalendarCursor(new TreeMap<>());
    }

    /**
     * The cursor in {@code text}; empty for anything else, such as the bare sync token of the primary calendar that
     * the cursor was before calendars were synced one by one.
     */
    static Optional<CalendarCursor> parse(String text) {
        if (text == null || !text.startsWith("{")) {
            return Optional.empty();
        }
        try {
            Map<String, Map<String, String>> parsed = JSON.readValue(text, SHAPE);
            Map<String, String> calendars = parsed.get(CALENDARS);
            if (calendars == null || calendars.containsKey(null) || calendars.containsValue(null)) {
                return Optional.empty();
            }
            return Optional.of(new CalendarCursor(new TreeMap<>(calendars)));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    String encode() {
        return JSON.writeValueAsString(Map.of(CALENDARS, tokens));
    }
}
