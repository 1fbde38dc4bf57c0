package io.syncplane.emulator.admin;

import io.syncplane.emulator.calendar.EmulatedCalendar;

/** A calendar list entry as the admin API shows it. */
public record CalendarView(String id, String summary, String accessRole, boolean primary) {

    static CalendarView of(EmulatedCalendar calendar, String primaryId) {
        return new CalendarView(calendar.id(), calendar.summary(), calendar.accessRole(),
                calendar.id().equals(primaryId));
    }
}
