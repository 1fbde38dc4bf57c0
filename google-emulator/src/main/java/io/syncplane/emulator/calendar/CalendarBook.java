package io.syncplane.emulator.calendar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A user's calendars; the primary one has the user's address as id and answers to {@code primary}. */
public final class CalendarBook {

    private final String primaryId;
    private final Map<String, EmulatedCalendar> calendars = new LinkedHashMap<>();

    public CalendarBook(String primaryId, List<EmulatedCalendar> calendars) {
        this.primaryId = primaryId;
        calendars.forEach(calendar -> this.calendars.put(calendar.id(), calendar));
    }

    public String primaryId() {
        return primaryId;
    }

    /** The calendar for an id or {@code primary}, or null. */
    public EmulatedCalendar calendar(String id) {
        if (id == null) {
            return null;
        }
        if (id.equals("primary")) {
            return calendars.get(primaryId);
        }
        EmulatedCalendar exact = calendars.get(id);
        if (exact == null && id.equalsIgnoreCase(primaryId)) {
            return calendars.get(primaryId);
        }
        return exact;
    }

    public List<EmulatedCalendar> all() {
        return new ArrayList<>(calendars.values());
    }
}
