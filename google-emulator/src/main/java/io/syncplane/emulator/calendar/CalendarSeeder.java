package io.syncplane.emulator.calendar;

import io.syncplane.emulator.seed.SeedRandom;
import io.syncplane.emulator.seed.Words;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a user's calendar list as a pure function of (seed, user index, sizes): the primary calendar with
 * {@code eventCount} events, then secondary calendars with half as many each, in a fixed cycle of kinds (an owned
 * team calendar, a subscribed holiday calendar the user only reads, a colleague's calendar the user sees only as
 * free/busy, a shared one the user may write to). Each calendar also gets {@code recurringPerCalendar} weekly series,
 * each with one moved occurrence and one cancelled occurrence.
 */
public final class CalendarSeeder {

    /** The kinds of secondary calendar, in the order they are added: summary, access role, id shape. */
    private record Kind(String summary, String accessRole, String idPattern) {
    }

    private static final List<Kind> SECONDARY = List.of(
            new Kind("Team", AccessRole.OWNER, null),
            new Kind("Holidays", AccessRole.READER, "en.usa#holiday%d@group.v.calendar.google.com"),
            new Kind("Colleague", AccessRole.FREE_BUSY_READER, "colleague%d@example.test"),
            new Kind("Shared project", AccessRole.WRITER, null));

    private final long seed;
    private final Instant epoch;
    private final Duration horizon;
    private final Clock clock;

    public CalendarSeeder(long seed, Instant epoch, Duration horizon, Clock clock) {
        this.seed = seed;
        this.epoch = epoch;
        this.horizon = horizon;
        this.clock = clock;
    }

    public CalendarBook seed(int userIndex, String email, int eventCount) {
        return seed(userIndex, email, eventCount, 1, 0);
    }

    public CalendarBook seed(int userIndex, String email, int eventCount, int calendarCount,
                             int recurringPerCalendar) {
        List<EmulatedCalendar> calendars = new ArrayList<>(calendarCount);
        calendars.add(calendar(email, email, email, AccessRole.OWNER, SeedRandom.of(seed, userIndex, "calendar"),
                SeedRandom.of(seed, userIndex, "calendar-new-ids"), eventCount, recurringPerCalendar));
        SeedRandom listIds = SeedRandom.of(seed, userIndex, "calendar-list-ids");
        for (int n = 1; n < calendarCount; n++) {
            Kind kind = SECONDARY.get((n - 1) % SECONDARY.size());
            String id = kind.idPattern() == null ? listIds.base32hex(26) + "@group.calendar.google.com"
                    : String.format(kind.idPattern(), n);
            String summary = n <= SECONDARY.size() ? kind.summary() : kind.summary() + " " + n;
            String owner = AccessRole.OWNER.equals(kind.accessRole()) ? email : id;
            calendars.add(calendar(id, summary, owner, kind.accessRole(),
                    SeedRandom.of(seed, userIndex, "calendar-" + n), SeedRandom.of(seed, userIndex,
                            "calendar-new-ids-" + n), eventCount / 2, recurringPerCalendar));
        }
        return new CalendarBook(email, calendars, clock, horizon, listIds);
    }

    private EmulatedCalendar calendar(String id, String summary, String owner, String accessRole, SeedRandom random,
                                      SeedRandom newIds, int eventCount, int seriesCount) {
        List<CalendarEvent> events = new ArrayList<>(eventCount + 3 * seriesCount);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < eventCount; i++) {
            events.add(single(random, uniqueId(random, used), owner, i + 1L));
        }
        for (int i = 0; i < seriesCount; i++) {
            events.addAll(series(random, uniqueId(random, used), owner, events.size() + 1L));
        }
        return new EmulatedCalendar(id, summary, owner, accessRole, clock, horizon, newIds, events, events.size());
    }

    private static String uniqueId(SeedRandom random, Set<String> used) {
        String id;
        do {
            id = random.base32hex(26);
        } while (!used.add(id));
        return id;
    }

    private CalendarEvent single(SeedRandom random, String id, String owner, long changeSeq) {
        Instant created = epoch.minus(Duration.ofMinutes(random.nextLong(90L * 24 * 60)));
        Instant updated = created.plus(Duration.ofMinutes(random.nextLong(24 * 60)));
        if (updated.isAfter(epoch)) {
            updated = epoch;
        }
        EventTime start;
        EventTime end;
        long offsetHours = random.nextLong(120L * 24) - 60L * 24;
        Instant at = epoch.plus(Duration.ofHours(offsetHours));
        if (random.chance(0.1)) {
            LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
            start = EventTime.allDay(day);
            end = EventTime.allDay(day.plusDays(1));
        } else {
            start = EventTime.at(at);
            end = EventTime.at(at.plus(Duration.ofMinutes(30L * random.between(1, 4))));
        }
        String location = random.chance(0.5) ? random.pick(Words.PLACES) : null;
        String description = random.chance(0.3) ? random.pick(Words.SENTENCES) : null;
        return new CalendarEvent(id, "confirmed", random.pick(Words.EVENT_TITLES), description, location,
                start, end, created, updated, 0, changeSeq, owner);
    }

    /** A weekly series of 12 that started a month before the epoch: its 3rd occurrence moved, its 4th cancelled. */
    private List<CalendarEvent> series(SeedRandom random, String id, String owner, long firstSeq) {
        Instant created = epoch.minus(Duration.ofDays(40));
        Instant first = epoch.minus(Duration.ofDays(28)).plus(Duration.ofHours(8 + random.nextLong(9)));
        Duration length = Duration.ofMinutes(30L * random.between(1, 3));
        String title = random.pick(Words.EVENT_TITLES);
        CalendarEvent master = new CalendarEvent(id, "confirmed", "Weekly " + title, null,
                random.chance(0.5) ? random.pick(Words.PLACES) : null, EventTime.at(first),
                EventTime.at(first.plus(length)), created, created, 0, firstSeq, owner,
                List.of("RRULE:FREQ=WEEKLY;COUNT=12"), null, null);
        EventTime moved = EventTime.at(first.plus(Duration.ofDays(14)));
        Instant movedTo = moved.dateTime().plus(Duration.ofHours(1));
        CalendarEvent exception = new CalendarEvent(Recurrence.instanceId(id, moved), "confirmed",
                master.summary() + " (moved)", null, master.location(), EventTime.at(movedTo),
                EventTime.at(movedTo.plus(length)), created, created.plus(Duration.ofDays(1)), 1, firstSeq + 1,
                owner, null, id, moved);
        EventTime dropped = EventTime.at(first.plus(Duration.ofDays(21)));
        CalendarEvent cancelled = new CalendarEvent(Recurrence.instanceId(id, dropped), "cancelled",
                master.summary(), null, master.location(), dropped, EventTime.at(dropped.dateTime().plus(length)),
                created, created.plus(Duration.ofDays(2)), 1, firstSeq + 2, owner, null, id, dropped);
        return List.of(master, exception, cancelled);
    }
}
