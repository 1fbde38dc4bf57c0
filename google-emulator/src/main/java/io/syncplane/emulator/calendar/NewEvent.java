package io.syncplane.emulator.calendar;

import java.time.Duration;
import java.time.Instant;

/** An event to create through the admin API. */
public record NewEvent(String summary, String description, String location, EventTime start, EventTime end) {

    public NewEvent {
        if (start == null || end == null) {
            throw new IllegalArgumentException("start and end are required");
        }
        summary = summary == null ? "" : summary;
    }

    public static NewEvent of(String summary, Instant start, Duration length) {
        return new NewEvent(summary, null, null, EventTime.at(start), EventTime.at(start.plus(length)));
    }
}
