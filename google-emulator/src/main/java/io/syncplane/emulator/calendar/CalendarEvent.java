package io.syncplane.emulator.calendar;

import java.time.Instant;

/**
 * One event as stored. A deleted event stays as a {@code cancelled} tombstone so incremental syncs can report it.
 *
 * @param changeSeq the calendar's change sequence number at this event's last change; sync tokens compare against it
 */
public record CalendarEvent(String id, String status, String summary, String description, String location,
                            EventTime start, EventTime end, Instant created, Instant updated, int sequence,
                            long changeSeq, String organizer) {

    public boolean cancelled() {
        return "cancelled".equals(status);
    }

    public String iCalUid() {
        return id + "@google.com";
    }

    public String etag() {
        return "\"" + (updated.toEpochMilli() * 1000 + changeSeq % 1000) + "\"";
    }
}
