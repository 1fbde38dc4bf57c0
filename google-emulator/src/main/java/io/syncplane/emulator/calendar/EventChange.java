package io.syncplane.emulator.calendar;

/** Changes to an event; null members stay as they are. */
public record EventChange(String summary, String description, String location, EventTime start, EventTime end) {

    static final EventChange NONE = new EventChange(null, null, null, null, null);

    public static EventChange summary(String summary) {
        return new EventChange(summary, null, null, null, null);
    }
}
