package io.syncplane.emulator.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An event to create through the admin API.
 *
 * @param recurrence RRULE / EXDATE / RDATE lines for a recurring series (checked by {@link Recurrence}), or null
 */
public record NewEvent(String summary, String description, String location, EventTime start, EventTime end,
                       List<String> recurrence) {

    public NewEvent {
        if (start == null || end == null) {
            throw new IllegalArgumentException("start and end are required");
        }
        summary = summary == null ? "" : summary;
        recurrence = recurrence == null || recurrence.isEmpty() ? null : List.copyOf(recurrence);
        if (recurrence != null) {
            Recurrence.parse(recurrence);
        }
    }

    public NewEvent(String summary, String description, String location, EventTime start, EventTime end) {
        this(summary, description, location, start, end, null);
    }

    public static NewEvent of(String summary, Instant start, Duration length) {
        return new NewEvent(summary, null, null, EventTime.at(start), EventTime.at(start.plus(length)));
    }

    /** A series starting at {@code start}, e.g. {@code series("Standup", start, 30 min, "RRULE:FREQ=DAILY;COUNT=5")}. */
    public static NewEvent series(String summary, Instant start, Duration length, String... recurrence) {
        return new NewEvent(summary, null, null, EventTime.at(start), EventTime.at(start.plus(length)),
                List.of(recurrence));
    }
}
