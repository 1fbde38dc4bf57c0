package io.syncplane.emulator.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** An event's start or end: a date-time, or a date for all-day events. */
public record EventTime(Instant dateTime, LocalDate date) {

    public EventTime {
        if ((dateTime == null) == (date == null)) {
            throw new IllegalArgumentException("exactly one of dateTime and date must be set");
        }
    }

    public static EventTime at(Instant instant) {
        return new EventTime(instant, null);
    }

    public static EventTime allDay(LocalDate day) {
        return new EventTime(null, day);
    }

    /** The instant this time stands for (all-day: midnight UTC), for ordering and time-range filters. */
    public Instant instant() {
        return dateTime != null ? dateTime : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
