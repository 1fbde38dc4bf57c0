package io.syncplane.emulator;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.calendar.EventChange;
import io.syncplane.emulator.calendar.NewEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarApiTest {

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(6).seed(11).eventsPerUser(23).clock(clock)
                .historyHorizon(Duration.ofDays(7)).quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void fullSyncPagesAndGivesTheSyncTokenOnlyOnTheLastPage() throws IOException {
        String email = emulator.admin().email(1);
        Calendar calendar = clients.calendar(email);
        List<String> ids = new ArrayList<>();
        String pageToken = null;
        String syncToken = null;
        int pages = 0;
        do {
            Events page = calendar.events().list("primary").setMaxResults(5).setPageToken(pageToken).execute();
            assertThat(page.getKind()).isEqualTo("calendar#events");
            assertThat(page.getTimeZone()).isEqualTo("UTC");
            page.getItems().forEach(event -> ids.add(event.getId()));
            pageToken = page.getNextPageToken();
            if (pageToken != null) {
                assertThat(page.getNextSyncToken()).isNull();
            } else {
                syncToken = page.getNextSyncToken();
            }
            pages++;
        } while (pageToken != null);
        assertThat(pages).isEqualTo(5);
        assertThat(syncToken).isNotNull();
        assertThat(ids).hasSize(23).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(emulator.admin().groundTruth(email).eventsByCalendar()
                        .get(email).stream().map(CalendarEvent::id).toList());
        assertThat(calendar.events().list("primary").setSyncToken(syncToken).execute().getItems()).isEmpty();
    }

    @Test
    void incrementalSyncReturnsChangesIncludingCancelledEvents() throws IOException {
        String email = emulator.admin().email(2);
        Calendar calendar = clients.calendar(email);
        String token = fullSync(calendar);
        List<CalendarEvent> existing = emulator.admin().groundTruth(email).eventsByCalendar().get(email);
        CalendarEvent added = emulator.admin().addEvent(email, "primary",
                NewEvent.of("Planning", clock.instant().plus(Duration.ofDays(1)), Duration.ofHours(1)));
        emulator.admin().updateEvent(email, "primary", existing.get(0).id(), EventChange.summary("Moved"));
        emulator.admin().deleteEvent(email, "primary", existing.get(1).id());

        Events changes = calendar.events().list("primary").setSyncToken(token).execute();
        assertThat(changes.getItems()).extracting(Event::getId)
                .containsExactlyInAnyOrder(added.id(), existing.get(0).id(), existing.get(1).id());
        Event cancelled = changes.getItems().stream().filter(e -> e.getId().equals(existing.get(1).id()))
                .findFirst().orElseThrow();
        assertThat(cancelled.getStatus()).isEqualTo("cancelled");
        Event moved = changes.getItems().stream().filter(e -> e.getId().equals(existing.get(0).id()))
                .findFirst().orElseThrow();
        assertThat(moved.getSummary()).isEqualTo("Moved");
        assertThat(calendar.events().list("primary").setSyncToken(changes.getNextSyncToken()).execute().getItems())
                .isEmpty();

        assertThat(calendar.events().list("primary").setMaxResults(2500).execute().getItems())
                .extracting(Event::getId).doesNotContain(existing.get(1).id());
        assertThat(calendar.events().list("primary").setShowDeleted(true).setMaxResults(2500).execute().getItems())
                .extracting(Event::getId).contains(existing.get(1).id());
    }

    @Test
    void syncTokenRejectsTheParametersGoogleRejects() throws IOException {
        Calendar calendar = clients.calendar(emulator.admin().email(3));
        String token = fullSync(calendar);
        List<Calendar.Events.List> forbidden = List.of(
                calendar.events().list("primary").setSyncToken(token).setTimeMin(dateTime("2026-01-01T00:00:00Z")),
                calendar.events().list("primary").setSyncToken(token).setTimeMax(dateTime("2026-01-01T00:00:00Z")),
                calendar.events().list("primary").setSyncToken(token).setUpdatedMin(
                        dateTime("2026-01-01T00:00:00Z")),
                calendar.events().list("primary").setSyncToken(token).setQ("lunch"),
                calendar.events().list("primary").setSyncToken(token).setOrderBy("updated"),
                calendar.events().list("primary").setSyncToken(token).setICalUID("x@google.com"),
                calendar.events().list("primary").setSyncToken(token)
                        .setPrivateExtendedProperty(List.of("a=b")),
                calendar.events().list("primary").setSyncToken(token).setSharedExtendedProperty(List.of("a=b")));
        for (Calendar.Events.List request : forbidden) {
            GoogleJsonResponseException e = catchGoogle(request::execute);
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("invalid");
        }
        assertThat(calendar.events().list("primary").setSyncToken(token).setShowDeleted(true)
                .setSingleEvents(true).setMaxResults(10).execute().getItems()).isEmpty();
    }

    @Test
    void expiredSyncTokenIs410FullSyncRequired() throws IOException {
        String email = emulator.admin().email(4);
        Calendar calendar = clients.calendar(email);
        String token = fullSync(calendar);
        emulator.admin().expireCursors(email);
        GoogleJsonResponseException e = catchGoogle(() ->
                calendar.events().list("primary").setSyncToken(token).execute());
        assertFullSyncRequired(e);
        assertThat(calendar.events().list("primary").setSyncToken(fullSync(calendar)).execute().getItems())
                .isEmpty();
    }

    @Test
    void syncTokensExpireAfterTheHorizon() throws IOException {
        String email = emulator.admin().email(5);
        Calendar calendar = clients.calendar(email);
        String token = fullSync(calendar);
        clock.advance(Duration.ofDays(8));
        try {
            GoogleJsonResponseException e = catchGoogle(() ->
                    calendar.events().list("primary").setSyncToken(token).execute());
            assertFullSyncRequired(e);
        } finally {
            clock.advance(Duration.ofDays(-8));
        }
    }

    @Test
    void garbageSyncTokenIs400AndUnknownCalendarIs404() {
        Calendar calendar = clients.calendar(emulator.admin().email(6));
        GoogleJsonResponseException garbage = catchGoogle(() ->
                calendar.events().list("primary").setSyncToken("garbage").execute());
        assertThat(garbage.getStatusCode()).isEqualTo(400);
        GoogleJsonResponseException unknown = catchGoogle(() ->
                calendar.events().list("someone-else@example.test").execute());
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
        GoogleJsonResponseException badMax = catchGoogle(() ->
                calendar.events().list("primary").setMaxResults(0).execute());
        assertThat(badMax.getStatusCode()).isEqualTo(400);
        GoogleJsonResponseException badOrder = catchGoogle(() ->
                calendar.events().list("primary").setOrderBy("startTime").execute());
        assertThat(badOrder.getStatusCode()).isEqualTo(400);
    }

    @Test
    void orderedListingByStartTimePages() throws IOException {
        Calendar calendar = clients.calendar(emulator.admin().email(1));
        List<Event> events = new ArrayList<>();
        String pageToken = null;
        do {
            Events page = calendar.events().list("primary").setSingleEvents(true).setOrderBy("startTime")
                    .setMaxResults(4).setPageToken(pageToken).execute();
            events.addAll(page.getItems());
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        assertThat(events).hasSize(23);
        List<Long> starts = events.stream().map(e -> e.getStart().getDateTime() != null
                ? e.getStart().getDateTime().getValue() : e.getStart().getDate().getValue()).toList();
        assertThat(starts).isSorted();
    }

    static void assertFullSyncRequired(GoogleJsonResponseException e) {
        assertThat(e.getStatusCode()).isEqualTo(410);
        GoogleJsonError.ErrorInfo error = e.getDetails().getErrors().get(0);
        assertThat(error.getDomain()).isEqualTo("calendar");
        assertThat(error.getReason()).isEqualTo("fullSyncRequired");
        assertThat(error.getLocation()).isEqualTo("syncToken");
        assertThat(error.getLocationType()).isEqualTo("parameter");
        assertThat(e.getDetails().getMessage()).isEqualTo("Sync token is no longer valid, a full sync is required.");
    }

    static String fullSync(Calendar calendar) throws IOException {
        return fullSync(calendar, "primary");
    }

    static String fullSync(Calendar calendar, String calendarId) throws IOException {
        String pageToken = null;
        while (true) {
            Events page = calendar.events().list(calendarId).setMaxResults(100).setPageToken(pageToken).execute();
            if (page.getNextPageToken() == null) {
                return page.getNextSyncToken();
            }
            pageToken = page.getNextPageToken();
        }
    }

    private static com.google.api.client.util.DateTime dateTime(String value) {
        return new com.google.api.client.util.DateTime(Instant.parse(value).toEpochMilli());
    }
}
