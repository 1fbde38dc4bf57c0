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

/** Builds a user's primary calendar as a pure function of (seed, user index, size). */
public final class CalendarSeeder {

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
        SeedRandom random = SeedRandom.of(seed, userIndex, "calendar");
        List<CalendarEvent> events = new ArrayList<>(eventCount);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < eventCount; i++) {
            String id;
            do {
                id = random.base32hex(26);
            } while (!used.add(id));
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
            events.add(new CalendarEvent(id, "confirmed", random.pick(Words.EVENT_TITLES), description, location,
                    start, end, created, updated, 0, i + 1L, email));
        }
        SeedRandom ids = SeedRandom.of(seed, userIndex, "calendar-new-ids");
        EmulatedCalendar primary = new EmulatedCalendar(email, email, email, clock, horizon, ids, events,
                eventCount);
        return new CalendarBook(email, List.of(primary));
    }
}
