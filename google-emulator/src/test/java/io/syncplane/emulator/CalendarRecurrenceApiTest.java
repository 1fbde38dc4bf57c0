package io.syncplane.emulator;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.calendar.EventChange;
import io.syncplane.emulator.calendar.EventTime;
import io.syncplane.emulator.calendar.NewEvent;
import io.syncplane.emulator.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

import static io.syncplane.emulator.CalendarApiTest.fullSync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recurring events on the wire: a series, a moved occurrence (exception) and a cancelled occurrence, as the real
 * Calendar client reads them with Google's defaults (singleEvents=false: series as series, no expanded instances).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarRecurrenceApiTest {

    private static final Instant MONDAY_NINE = Instant.parse("2026-03-02T09:00:00Z");

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(5).seed(29).eventsPerUser(6).recurringPerCalendar(1).clock(clock)
                .historyHorizon(Duration.ofDays(7)).quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void aFullListingReturnsTheSeriesItsExceptionAndItsCancelledOccurrenceButNoInstances() throws IOException {
        String email = emulator.admin().email(1);
        List<Event> items = clients.calendar(email).events().list("primary").execute().getItems();
        assertThat(items).hasSize(6 + 3);
        Event master = items.stream().filter(e -> e.getRecurrence() != null).findFirst().orElseThrow();
        assertThat(master.getRecurrence()).containsExactly("RRULE:FREQ=WEEKLY;COUNT=12");
        assertThat(master.getRecurringEventId()).isNull();
        List<Event> exceptions = items.stream().filter(e -> master.getId().equals(e.getRecurringEventId())).toList();
        assertThat(exceptions).hasSize(2);
        Event moved = exceptions.stream().filter(e -> "confirmed".equals(e.getStatus())).findFirst().orElseThrow();
        Event cancelled = exceptions.stream().filter(e -> "cancelled".equals(e.getStatus())).findFirst()
                .orElseThrow();
        long firstStart = master.getStart().getDateTime().getValue();
        long week = Duration.ofDays(7).toMillis();
        assertThat(moved.getOriginalStartTime().getDateTime().getValue()).isEqualTo(firstStart + 2 * week);
        assertThat(moved.getStart().getDateTime().getValue()).isEqualTo(firstStart + 2 * week
                + Duration.ofHours(1).toMillis());
        assertThat(moved.getId()).isEqualTo(master.getId() + "_" + basic(firstStart + 2 * week));
        assertThat(moved.getICalUID()).isEqualTo(master.getICalUID());
        assertThat(cancelled.getOriginalStartTime().getDateTime().getValue()).isEqualTo(firstStart + 3 * week);
        assertThat(cancelled.getId()).isEqualTo(master.getId() + "_" + basic(firstStart + 3 * week));
        assertThat(cancelled.getSummary()).isNull();
        assertThat(emulator.admin().groundTruth(email).eventsByCalendar().get(email)).extracting(CalendarEvent::id)
                .containsExactlyInAnyOrderElementsOf(items.stream().map(Event::getId).toList());
    }

    @Test
    void changedAndCancelledOccurrencesArriveThroughTheSyncToken() throws IOException {
        String email = emulator.admin().email(2);
        Calendar calendar = clients.calendar(email);
        CalendarEvent series = emulator.admin().addEvent(email, "primary", NewEvent.series("Standup", MONDAY_NINE,
                Duration.ofMinutes(15), "RRULE:FREQ=DAILY;COUNT=10", "EXDATE:20260304T090000Z"));
        String token = fullSync(calendar);

        EventTime tuesday = EventTime.at(MONDAY_NINE.plus(Duration.ofDays(1)));
        EventTime thursday = EventTime.at(MONDAY_NINE.plus(Duration.ofDays(3)));
        CalendarEvent renamed = emulator.admin().changeInstance(email, "primary", series.id(), tuesday,
                EventChange.summary("Standup (demo day)"));
        CalendarEvent dropped = emulator.admin().cancelInstance(email, "primary", series.id(), thursday);
        assertThat(renamed.id()).isEqualTo(series.id() + "_20260303T090000Z");
        assertThat(dropped.id()).isEqualTo(series.id() + "_20260305T090000Z");

        Events changes = calendar.events().list("primary").setSyncToken(token).execute();
        assertThat(changes.getItems()).extracting(Event::getId).containsExactlyInAnyOrder(renamed.id(), dropped.id());
        Event exception = byId(changes, renamed.id());
        assertThat(exception.getSummary()).isEqualTo("Standup (demo day)");
        assertThat(exception.getRecurringEventId()).isEqualTo(series.id());
        assertThat(exception.getOriginalStartTime().getDateTime().getValue()).isEqualTo(tuesday.instant().toEpochMilli());
        assertThat(exception.getStart().getDateTime().getValue()).isEqualTo(tuesday.instant().toEpochMilli());
        Event cancelled = byId(changes, dropped.id());
        assertThat(cancelled.getStatus()).isEqualTo("cancelled");
        assertThat(cancelled.getRecurringEventId()).isEqualTo(series.id());
        assertThat(cancelled.getOriginalStartTime().getDateTime().getValue())
                .isEqualTo(thursday.instant().toEpochMilli());

        // a later change to the same occurrence changes the exception, it makes no second one
        CalendarEvent again = emulator.admin().changeInstance(email, "primary", series.id(), tuesday,
                new EventChange(null, null, "Room 101", null, null));
        assertThat(again.id()).isEqualTo(renamed.id());
        assertThat(again.summary()).isEqualTo("Standup (demo day)");
        Events next = calendar.events().list("primary").setSyncToken(changes.getNextSyncToken()).execute();
        assertThat(next.getItems()).extracting(Event::getId).containsExactly(renamed.id());
        assertThat(next.getItems().get(0).getLocation()).isEqualTo("Room 101");
    }

    @Test
    void onlyOccurrencesOfTheSeriesCanBeChanged() {
        String email = emulator.admin().email(3);
        CalendarEvent series = emulator.admin().addEvent(email, "primary", NewEvent.series("Gym", MONDAY_NINE,
                Duration.ofHours(1), "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3", "EXDATE:20260316T090000Z"));
        CalendarEvent single = emulator.admin().addEvent(email, "primary", NewEvent.of("Once", MONDAY_NINE,
                Duration.ofHours(1)));
        // every other week, three times: the 2nd, the 16th (excluded) and the 30th of March
        assertThatThrownBy(() -> emulator.admin().changeInstance(email, "primary", series.id(),
                EventTime.at(MONDAY_NINE.plus(Duration.ofDays(7))), EventChange.summary("x")))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> emulator.admin().cancelInstance(email, "primary", series.id(),
                EventTime.at(MONDAY_NINE.plus(Duration.ofDays(14))))).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> emulator.admin().cancelInstance(email, "primary", series.id(),
                EventTime.at(MONDAY_NINE.plus(Duration.ofDays(42))))).isInstanceOf(NoSuchElementException.class);
        assertThat(emulator.admin().cancelInstance(email, "primary", series.id(),
                EventTime.at(MONDAY_NINE.plus(Duration.ofDays(28)))).cancelled()).isTrue();
        assertThatThrownBy(() -> emulator.admin().cancelInstance(email, "primary", single.id(),
                EventTime.at(MONDAY_NINE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NewEvent.series("Bad", MONDAY_NINE, Duration.ofHours(1), "RRULE:COUNT=3"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deletingTheSeriesTakesItsExceptionsWithItButCancelledOccurrencesOutliveTheHorizonWhileItLives()
            throws IOException {
        String email = emulator.admin().email(4);
        Calendar calendar = clients.calendar(email);
        CalendarEvent series = emulator.admin().addEvent(email, "primary", NewEvent.series("Review", MONDAY_NINE,
                Duration.ofHours(1), "RRULE:FREQ=WEEKLY"));
        CalendarEvent dropped = emulator.admin().cancelInstance(email, "primary", series.id(),
                EventTime.at(MONDAY_NINE.plus(Duration.ofDays(7))));
        clock.advance(Duration.ofDays(9));
        try {
            assertThat(calendar.events().list("primary").execute().getItems()).extracting(Event::getId)
                    .contains(series.id(), dropped.id());
            String token = fullSync(calendar);
            emulator.admin().deleteEvent(email, "primary", series.id());
            Events changes = calendar.events().list("primary").setSyncToken(token).execute();
            assertThat(changes.getItems()).extracting(Event::getId).containsExactly(series.id());
            assertThat(changes.getItems().get(0).getStatus()).isEqualTo("cancelled");
            assertThat(calendar.events().list("primary").execute().getItems()).extracting(Event::getId)
                    .doesNotContain(series.id(), dropped.id());
            // the series' fresh tombstone stays for syncs to see; its cancelled occurrence, older than the horizon,
            // was kept only while the series lived
            assertThat(calendar.events().list("primary").setShowDeleted(true).execute().getItems())
                    .extracting(Event::getId).contains(series.id()).doesNotContain(dropped.id());
        } finally {
            clock.advance(Duration.ofDays(-9));
        }
    }

    @Test
    void theAdminApiTakesSeriesAndOccurrences() throws Exception {
        String email = emulator.admin().email(5);
        JsonNode series = json(send("POST", "admin/users/" + email + "/calendar/primary/events",
                "{\"summary\":\"Retro\",\"start\":\"2026-03-02T09:00:00Z\",\"end\":\"2026-03-02T10:00:00Z\","
                        + "\"recurrence\":[\"RRULE:FREQ=WEEKLY;COUNT=4\"]}"), 200);
        String id = series.get("id").asString();
        JsonNode moved = json(send("PATCH", "admin/users/" + email + "/calendar/primary/events/" + id
                + "/instances/2026-03-09T09:00:00Z", "{\"start\":\"2026-03-09T11:00:00Z\","
                + "\"end\":\"2026-03-09T12:00:00Z\"}"), 200);
        assertThat(moved.get("id").asString()).isEqualTo(id + "_20260309T090000Z");
        assertThat(moved.get("recurringEventId").asString()).isEqualTo(id);
        JsonNode cancelled = json(send("DELETE", "admin/users/" + email + "/calendar/primary/events/" + id
                + "/instances/2026-03-16T09:00:00Z", null), 200);
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(send("DELETE", "admin/users/" + email + "/calendar/primary/events/" + id
                + "/instances/2026-03-17T09:00:00Z", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "admin/users/" + email + "/calendar/primary/events",
                "{\"start\":\"2026-03-02T09:00:00Z\",\"end\":\"2026-03-02T10:00:00Z\",\"recurrence\":[\"NOPE\"]}")
                .statusCode()).isEqualTo(400);
        Event read = clients.calendar(email).events().get("primary", id + "_20260309T090000Z").execute();
        assertThat(read.getStart().getDateTime().getValue())
                .isEqualTo(Instant.parse("2026-03-09T11:00:00Z").toEpochMilli());
    }

    private static Event byId(Events events, String id) {
        return events.getItems().stream().filter(e -> e.getId().equals(id)).findFirst().orElseThrow();
    }

    private static String basic(long epochMillis) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(Instant.ofEpochMilli(epochMillis).atOffset(java.time.ZoneOffset.UTC));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.rootUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.MAPPER.readTree(response.body());
    }
}
