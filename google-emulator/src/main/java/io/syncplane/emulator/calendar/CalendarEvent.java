package io.syncplane.emulator.calendar;

import java.time.Instant;
import java.util.List;

/**
 * One event as stored. A deleted event stays as a {@code cancelled} tombstone so incremental syncs can report it.
 * Recurring events are stored as Google keeps them: the series (master) with its {@code recurrence} lines, and one
 * event per changed or cancelled occurrence (an exception) that names its series and the occurrence it replaces.
 * Occurrences nobody changed are not stored: they exist only as the master's rule.
 *
 * @param changeSeq        the calendar's change sequence number at this event's last change; sync tokens compare
 *                         against it
 * @param recurrence       RRULE / EXDATE / RDATE lines of a series master, else null
 * @param recurringEventId the master's id, for an exception (modified or cancelled occurrence), else null
 * @param originalStart    the occurrence an exception replaces, as the series scheduled it, else null
 */
public record CalendarEvent(String id, String status, String summary, String description, String location,
                            EventTime start, EventTime end, Instant created, Instant updated, int sequence,
                            long changeSeq, String organizer, List<String> recurrence, String recurringEventId,
                            EventTime originalStart) {

    public CalendarEvent {
        recurrence = recurrence == null ? null : List.copyOf(recurrence);
        if ((recurringEventId == null) != (originalStart == null)) {
            throw new IllegalArgumentException("an exception needs both recurringEventId and originalStart");
        }
    }

    /** A single, non-recurring event. */
    public CalendarEvent(String id, String status, String summary, String description, String location,
                         EventTime start, EventTime end, Instant created, Instant updated, int sequence,
                         long changeSeq, String organizer) {
        this(id, status, summary, description, location, start, end, created, updated, sequence, changeSeq,
                organizer, null, null, null);
    }

    public boolean cancelled() {
        return "cancelled".equals(status);
    }

    /** A series master: it has recurrence rules. */
    public boolean series() {
        return recurrence != null;
    }

    /** A modified or cancelled occurrence of a series. */
    public boolean exception() {
        return recurringEventId != null;
    }

    public String iCalUid() {
        // an exception shares its series' iCalUID, as in iCalendar (RECURRENCE-ID tells them apart)
        return (recurringEventId != null ? recurringEventId : id) + "@google.com";
    }

    public String etag() {
        return "\"" + (updated.toEpochMilli() * 1000 + changeSeq % 1000) + "\"";
    }

    /**
     * The event after {@code change}. Like Calendar, the iCalendar {@code sequence} grows only with changes that
     * matter to attendees: start, end, recurrence or status (a retitle leaves it).
     */
    CalendarEvent changed(String newStatus, EventChange change, Instant now, long newSeq) {
        EventChange c = change == null ? EventChange.NONE : change;
        EventTime newStart = c.start() != null ? c.start() : start;
        EventTime newEnd = c.end() != null ? c.end() : end;
        List<String> newRecurrence = c.recurrence() != null && !exception() ? c.recurrence() : recurrence;
        boolean significant = !newStart.equals(start) || !newEnd.equals(end)
                || !java.util.Objects.equals(newRecurrence, recurrence) || !newStatus.equals(status);
        return new CalendarEvent(id, newStatus,
                c.summary() != null ? c.summary() : summary,
                c.description() != null ? emptyToNull(c.description()) : description,
                c.location() != null ? emptyToNull(c.location()) : location,
                newStart, newEnd, created, now, significant ? sequence + 1 : sequence, newSeq, organizer,
                newRecurrence, recurringEventId, originalStart);
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
