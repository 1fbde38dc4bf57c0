package io.syncplane.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import io.syncplane.emulator.admin.CalendarView;
import io.syncplane.emulator.calendar.NewEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.syncplane.emulator.CalendarApiTest.assertFullSyncRequired;
import static io.syncplane.emulator.CalendarApiTest.fullSync;
import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;

/** calendarList.list and several calendars per user, through the real Calendar client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarListApiTest {

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(6).seed(17).eventsPerUser(8).calendarsPerUser(5).clock(clock)
                .quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void listsThePrimaryAndTheSecondaryCalendarsWithTheirRoles() throws IOException {
        String email = emulator.admin().email(1);
        CalendarList list = clients.calendar(email).calendarList().list().execute();
        assertThat(list.getKind()).isEqualTo("calendar#calendarList");
        assertThat(list.getNextPageToken()).isNull();
        assertThat(list.getNextSyncToken()).isNotNull();
        List<CalendarListEntry> items = list.getItems();
        assertThat(items).extracting(CalendarListEntry::getAccessRole)
                .containsExactly("owner", "owner", "reader", "freeBusyReader", "writer");
        CalendarListEntry primary = items.get(0);
        assertThat(primary.getId()).isEqualTo(email);
        assertThat(primary.getPrimary()).isTrue();
        assertThat(primary.getKind()).isEqualTo("calendar#calendarListEntry");
        assertThat(primary.getTimeZone()).isEqualTo("UTC");
        assertThat(items.subList(1, 5)).allSatisfy(entry -> {
            assertThat(entry.getPrimary()).isNull();
            assertThat(entry.getDeleted()).isNull();
            assertThat(entry.getSummary()).isNotBlank();
        });
        assertThat(items.get(1).getId()).endsWith("@group.calendar.google.com");
        assertThat(items.get(2).getId()).contains("#holiday");
        assertThat(items).extracting(CalendarListEntry::getId)
                .containsExactlyElementsOf(emulator.admin().calendars(email).stream().map(CalendarView::id).toList());
    }

    @Test
    void pagesAndFiltersByAccessRole() throws IOException {
        Calendar calendar = clients.calendar(emulator.admin().email(2));
        List<String> ids = new ArrayList<>();
        String pageToken = null;
        int pages = 0;
        do {
            CalendarList page = calendar.calendarList().list().setMaxResults(2).setPageToken(pageToken).execute();
            page.getItems().forEach(entry -> ids.add(entry.getId()));
            pageToken = page.getNextPageToken();
            assertThat(page.getNextSyncToken() == null).isEqualTo(pageToken != null);
            pages++;
        } while (pageToken != null);
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();

        assertThat(calendar.calendarList().list().setMinAccessRole("reader").execute().getItems())
                .extracting(CalendarListEntry::getAccessRole).containsExactly("owner", "owner", "reader", "writer");
        assertThat(calendar.calendarList().list().setMinAccessRole("writer").execute().getItems())
                .extracting(CalendarListEntry::getAccessRole).containsExactly("owner", "owner", "writer");
        assertThat(catchGoogle(() -> calendar.calendarList().list().setMinAccessRole("boss").execute())
                .getStatusCode()).isEqualTo(400);
        assertThat(catchGoogle(() -> calendar.calendarList().list().setMaxResults(0).execute())
                .getStatusCode()).isEqualTo(400);
    }

    @Test
    void everyCalendarHasItsOwnEventsAndItsOwnSyncToken() throws IOException {
        String email = emulator.admin().email(3);
        Calendar calendar = clients.calendar(email);
        List<CalendarView> calendars = emulator.admin().calendars(email);
        String team = calendars.get(1).id();
        String holidays = calendars.get(2).id();
        assertThat(calendar.events().list(email).execute().getItems()).hasSize(8);
        Events teamEvents = calendar.events().list(team).execute();
        assertThat(teamEvents.getItems()).hasSize(4);
        assertThat(teamEvents.getAccessRole()).isEqualTo("owner");
        Events holidayEvents = calendar.events().list(holidays).execute();
        assertThat(holidayEvents.getAccessRole()).isEqualTo("reader");
        assertThat(holidayEvents.getSummary()).isEqualTo("Holidays");
        assertThat(holidayEvents.getItems()).extracting(Event::getId).doesNotContainAnyElementsOf(
                teamEvents.getItems().stream().map(Event::getId).toList());

        String primaryToken = fullSync(calendar, email);
        String teamToken = fullSync(calendar, team);
        var event = emulator.admin().addEvent(email, team, NewEvent.of("Team lunch",
                clock.instant().plus(Duration.ofDays(2)), Duration.ofHours(1)));
        assertThat(calendar.events().list(email).setSyncToken(primaryToken).execute().getItems()).isEmpty();
        assertThat(calendar.events().list(team).setSyncToken(teamToken).execute().getItems())
                .extracting(Event::getId).containsExactly(event.id());
        // a token names its calendar: it does not continue another one
        assertThat(catchGoogle(() -> calendar.events().list(team).setSyncToken(primaryToken).execute())
                .getStatusCode()).isEqualTo(400);
    }

    @Test
    void expiringOneCalendarsTokensLeavesTheOthersValid() throws IOException {
        String email = emulator.admin().email(4);
        Calendar calendar = clients.calendar(email);
        String team = emulator.admin().calendars(email).get(1).id();
        String primaryToken = fullSync(calendar, email);
        String teamToken = fullSync(calendar, team);
        emulator.admin().expireCalendarCursors(email, team);
        assertFullSyncRequired(catchGoogle(() -> calendar.events().list(team).setSyncToken(teamToken).execute()));
        assertThat(calendar.events().list(email).setSyncToken(primaryToken).execute().getItems()).isEmpty();
    }

    @Test
    void aFreeBusyReaderSeesBusyTimesOnly() throws IOException {
        String email = emulator.admin().email(5);
        String colleague = emulator.admin().calendars(email).get(3).id();
        List<Event> busy = clients.calendar(email).events().list(colleague).execute().getItems();
        assertThat(busy).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getSummary()).isNull();
            assertThat(event.getStart()).isNotNull();
            assertThat(event.getEnd()).isNotNull();
        });
        assertThat(emulator.admin().groundTruth(email).eventsByCalendar()).doesNotContainKey(colleague)
                .hasSize(4);
    }

    @Test
    void removedAndAddedCalendarsShowInTheListsSyncTokenListing() throws IOException {
        String email = emulator.admin().email(6);
        Calendar calendar = clients.calendar(email);
        CalendarList first = calendar.calendarList().list().execute();
        String team = first.getItems().get(1).getId();
        CalendarView added = emulator.admin().addCalendar(email, "Book club", "writer");
        emulator.admin().removeCalendar(email, team);

        CalendarList changes = calendar.calendarList().list().setSyncToken(first.getNextSyncToken()).execute();
        assertThat(changes.getItems()).hasSize(2);
        CalendarListEntry removed = changes.getItems().stream().filter(e -> e.getId().equals(team)).findFirst()
                .orElseThrow();
        assertThat(removed.getDeleted()).isTrue();
        CalendarListEntry bookClub = changes.getItems().stream().filter(e -> e.getId().equals(added.id()))
                .findFirst().orElseThrow();
        assertThat(bookClub.getSummary()).isEqualTo("Book club");
        assertThat(bookClub.getAccessRole()).isEqualTo("writer");
        assertThat(calendar.calendarList().list().setSyncToken(changes.getNextSyncToken()).execute().getItems())
                .isEmpty();

        assertThat(calendar.calendarList().list().execute().getItems()).extracting(CalendarListEntry::getId)
                .doesNotContain(team).contains(added.id());
        assertThat(calendar.calendarList().list().setShowDeleted(true).execute().getItems())
                .filteredOn(entry -> entry.getId().equals(team)).singleElement()
                .satisfies(entry -> assertThat(entry.getDeleted()).isTrue());
        GoogleJsonResponseException gone = catchGoogle(() -> calendar.events().list(team).execute());
        assertThat(gone.getStatusCode()).isEqualTo(404);
        assertThat(calendar.events().list(added.id()).execute().getItems()).isEmpty();

        assertThat(catchGoogle(() -> calendar.calendarList().list().setSyncToken(changes.getNextSyncToken())
                .setMinAccessRole("reader").execute()).getStatusCode()).isEqualTo(400);
        assertThat(catchGoogle(() -> calendar.calendarList().list().setSyncToken(changes.getNextSyncToken())
                .setShowDeleted(false).execute()).getStatusCode()).isEqualTo(400);
        emulator.admin().expireCursors(email);
        assertFullSyncRequired(catchGoogle(() -> calendar.calendarList().list()
                .setSyncToken(changes.getNextSyncToken()).execute()));
    }
}
