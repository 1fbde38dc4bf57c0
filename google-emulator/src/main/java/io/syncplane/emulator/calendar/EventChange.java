package io.syncplane.emulator.calendar;

import java.util.List;

/**
 * Changes to an event; null members stay as they are. An empty description or location clears it (what Calendar
 * stores for an empty string, and how a PUT without them is applied). {@code recurrence} replaces a series' rules.
 */
public record EventChange(String summary, String description, String location, EventTime start, EventTime end,
                          List<String> recurrence) {

    static final EventChange NONE = new EventChange(null, null, null, null, null, null);

    public EventChange {
        recurrence = recurrence == null ? null : List.copyOf(recurrence);
        if (recurrence != null) {
            if (recurrence.isEmpty()) {
                throw new IllegalArgumentException("a series needs at least one recurrence rule");
            }
            Recurrence.parse(recurrence);
        }
    }

    public EventChange(String summary, String description, String location, EventTime start, EventTime end) {
        this(summary, description, location, start, end, null);
    }

    public static EventChange summary(String summary) {
        return new EventChange(summary, null, null, null, null);
    }
}
