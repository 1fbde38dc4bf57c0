package io.syncplane.emulator.calendar;

import io.syncplane.emulator.seed.SeedRandom;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A user's calendar list: the primary calendar (the user's address as id, also answering to {@code primary}) and
 * secondary ones, owned or subscribed. Removing a calendar leaves its entry marked as removed, so a calendar-list
 * sync token can report it, as Google's {@code deleted} entries do; its events then answer 404.
 */
public final class CalendarBook {

    private final String primaryId;
    private final Clock clock;
    private final Duration horizon;
    private final SeedRandom ids;
    private final Map<String, EmulatedCalendar> calendars = new LinkedHashMap<>();
    private long listSeq;
    private int listEpoch = 1;

    CalendarBook(String primaryId, List<EmulatedCalendar> calendars, Clock clock, Duration horizon, SeedRandom ids) {
        this.primaryId = primaryId;
        this.clock = clock;
        this.horizon = horizon;
        this.ids = ids;
        calendars.forEach(calendar -> {
            calendar.listChanged(++listSeq, false);
            this.calendars.put(calendar.id(), calendar);
        });
    }

    public String primaryId() {
        return primaryId;
    }

    /** The calendar for an id or {@code primary}, or null (also for one removed from the list). */
    public synchronized EmulatedCalendar calendar(String id) {
        EmulatedCalendar calendar = entry(id);
        return calendar == null || calendar.removed() ? null : calendar;
    }

    /** The calendars in the list, in list order (primary first); removed ones are left out. */
    public synchronized List<EmulatedCalendar> all() {
        return calendars.values().stream().filter(calendar -> !calendar.removed()).toList();
    }

    /** Every entry the list ever had, removed ones included, in list order: what calendar-list tokens walk. */
    public synchronized List<EmulatedCalendar> entries() {
        return new ArrayList<>(calendars.values());
    }

    public synchronized long listSeq() {
        return listSeq;
    }

    public synchronized int listEpoch() {
        return listEpoch;
    }

    /** A new secondary calendar in the list, with an id shaped like Google's. */
    public synchronized EmulatedCalendar add(String summary, String accessRole) {
        String id;
        do {
            id = ids.base32hex(26) + "@group.calendar.google.com";
        } while (calendars.containsKey(id));
        EmulatedCalendar calendar = new EmulatedCalendar(id, summary, AccessRole.OWNER.equals(accessRole)
                ? primaryId : id, accessRole, clock, horizon, SeedRandom.of(ids.nextLong()), List.of(), 0);
        calendar.listChanged(++listSeq, false);
        calendars.put(id, calendar);
        return calendar;
    }

    /** The user removes (unsubscribes from, or deletes) a secondary calendar; the primary one cannot go. */
    public synchronized EmulatedCalendar remove(String id) {
        EmulatedCalendar calendar = calendar(id);
        if (calendar == null) {
            throw new NoSuchElementException("no calendar " + id + " for " + primaryId);
        }
        if (calendar.id().equals(primaryId)) {
            throw new IllegalArgumentException("the primary calendar cannot be removed");
        }
        calendar.listChanged(++listSeq, true);
        return calendar;
    }

    /** Invalidates every calendar-list sync token handed out so far. */
    public synchronized void expireListCursors() {
        listEpoch++;
    }

    private EmulatedCalendar entry(String id) {
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
}
