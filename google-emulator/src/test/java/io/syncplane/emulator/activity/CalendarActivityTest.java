package io.syncplane.emulator.activity;

import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.admin.CalendarView;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.calendar.CalendarEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Random activity reaches every readable calendar and changes recurring series, deterministically per seed. */
class CalendarActivityTest {

    @Test
    void randomMutationsChangeSecondaryCalendarsAndOccurrencesOfSeries() {
        try (GoogleEmulator emulator = GoogleEmulator.builder().users(1).eventsPerUser(6).calendarsPerUser(4)
                .recurringPerCalendar(1).quotasEnabled(false).start()) {
            EmulatorAdmin admin = emulator.admin();
            String email = admin.email(1);
            Map<String, List<CalendarEvent>> before = admin.groundTruth(email).eventsByCalendar();
            RandomMutation mutation = new RandomMutation(admin);
            for (int i = 0; i < 600; i++) {
                try {
                    mutation.apply(email, new SplittableRandom(i));
                } catch (RuntimeException e) {
                    // as the generator does: a mutation that no longer applies (an occurrence already cancelled) is
                    // skipped
                }
            }
            Map<String, List<CalendarEvent>> after = admin.groundTruth(email).eventsByCalendar();
            String freeBusy = admin.calendars(email).stream().filter(c -> c.accessRole().equals("freeBusyReader"))
                    .map(CalendarView::id).findFirst().orElseThrow();
            assertThat(after).doesNotContainKey(freeBusy).containsOnlyKeys(before.keySet());
            for (String calendarId : after.keySet()) {
                assertThat(after.get(calendarId)).as(calendarId).isNotEqualTo(before.get(calendarId));
            }
            List<CalendarEvent> all = after.values().stream().flatMap(List::stream).toList();
            long seededExceptions = before.values().stream().flatMap(List::stream).filter(CalendarEvent::exception)
                    .count();
            assertThat(all.stream().filter(CalendarEvent::exception).count()).isGreaterThan(seededExceptions);
            assertThat(all.stream().filter(e -> e.exception() && e.cancelled()).collect(Collectors.toList()))
                    .hasSizeGreaterThan(4);
            assertThat(all.stream().filter(CalendarEvent::series).count())
                    .as("new series besides the seeded ones").isGreaterThan(3);
        }
    }
}
