package io.syncplane.emulator;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Channel;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import io.syncplane.emulator.admin.CalendarView;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.calendar.NewEvent;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.oauth.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** events.insert / patch / update / delete through the real Calendar client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarWritesApiTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private PushReceiver receiver;
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() throws IOException {
        receiver = new PushReceiver();
        emulator = GoogleEmulator.builder().users(6).seed(3).eventsPerUser(4).clock(clock).quotasEnabled(false)
                .start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
        receiver.close();
    }

    @Test
    void insertPatchUpdateDeleteAreSeenByASyncTokenFromBefore() throws IOException {
        String email = emulator.admin().email(1);
        Calendar calendar = clients.calendar(email);
        String token = fullSync(calendar, "primary");

        clock.advance(Duration.ofSeconds(1));
        Event inserted = calendar.events().insert("primary", new Event().setSummary("Review")
                .setDescription("agenda").setLocation("Room 1")
                .setStart(at("2026-03-02T10:00:00Z")).setEnd(at("2026-03-02T11:00:00Z"))).execute();
        assertThat(inserted.getId()).matches("[a-v0-9]{5,}");
        assertThat(inserted.getEtag()).isNotBlank();
        assertThat(inserted.getSequence()).isZero();
        assertThat(inserted.getUpdated().getValue()).isEqualTo(clock.millis());
        assertThat(inserted.getStatus()).isEqualTo("confirmed");

        Events afterInsert = calendar.events().list("primary").setSyncToken(token).execute();
        assertThat(afterInsert.getItems()).extracting(Event::getId).containsExactly(inserted.getId());

        clock.advance(Duration.ofSeconds(1));
        Event patched = calendar.events().patch("primary", inserted.getId(), new Event().setSummary("Review v2"))
                .execute();
        assertThat(patched.getSummary()).isEqualTo("Review v2");
        assertThat(patched.getDescription()).isEqualTo("agenda");
        assertThat(patched.getEtag()).isNotEqualTo(inserted.getEtag());
        assertThat(patched.getSequence()).as("a retitle is not a significant change").isZero();
        assertThat(patched.getUpdated().getValue()).isEqualTo(clock.millis());

        clock.advance(Duration.ofSeconds(1));
        Event moved = calendar.events().patch("primary", inserted.getId(), new Event()
                .setStart(at("2026-03-02T12:00:00Z")).setEnd(at("2026-03-02T13:00:00Z"))).execute();
        assertThat(moved.getSequence()).isEqualTo(1);
        assertThat(moved.getStart().getDateTime().getValue()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z")
                .toEpochMilli());

        clock.advance(Duration.ofSeconds(1));
        Event replaced = calendar.events().update("primary", inserted.getId(), new Event().setSummary("Replaced")
                .setStart(at("2026-03-02T12:00:00Z")).setEnd(at("2026-03-02T13:00:00Z"))).execute();
        assertThat(replaced.getSummary()).isEqualTo("Replaced");
        assertThat(replaced.getDescription()).as("update replaces: what it leaves out is cleared").isNull();
        assertThat(replaced.getLocation()).isNull();
        assertThat(replaced.getSequence()).isEqualTo(1);

        Events afterUpdates = calendar.events().list("primary").setSyncToken(afterInsert.getNextSyncToken())
                .execute();
        assertThat(afterUpdates.getItems()).singleElement().satisfies(event -> {
            assertThat(event.getSummary()).isEqualTo("Replaced");
            assertThat(event.getEtag()).isEqualTo(replaced.getEtag());
        });

        calendar.events().delete("primary", inserted.getId()).execute();
        Events afterDelete = calendar.events().list("primary").setSyncToken(afterUpdates.getNextSyncToken())
                .execute();
        assertThat(afterDelete.getItems()).singleElement().satisfies(event -> {
            assertThat(event.getId()).isEqualTo(inserted.getId());
            assertThat(event.getStatus()).isEqualTo("cancelled");
        });
        assertThat(calendar.events().get("primary", inserted.getId()).execute().getStatus()).isEqualTo("cancelled");
        // the admin ground truth reflects the writes: the event came and went
        assertThat(emulator.admin().groundTruth(email).eventsByCalendar().get(email))
                .extracting(CalendarEvent::id).doesNotContain(inserted.getId());
    }

    @Test
    void groundTruthHasWhatTheApiWrote() throws IOException {
        String email = emulator.admin().email(2);
        Calendar calendar = clients.calendar(email);
        Event inserted = calendar.events().insert("primary", new Event().setSummary("Truth")
                .setStart(at("2026-03-03T10:00:00Z")).setEnd(at("2026-03-03T10:30:00Z"))).execute();
        assertThat(emulator.admin().groundTruth(email).eventsByCalendar().get(email))
                .filteredOn(event -> event.id().equals(inserted.getId())).singleElement()
                .satisfies(event -> assertThat(event.summary()).isEqualTo("Truth"));
    }

    @Test
    void clientSuppliedIdsMustBeBase32HexAndUniqueEvenAfterDeletion() throws IOException {
        String email = emulator.admin().email(2);
        Calendar calendar = clients.calendar(email);
        String id = "spl0001abcdef";
        Event inserted = calendar.events().insert("primary", event("Mine").setId(id)).execute();
        assertThat(inserted.getId()).isEqualTo(id);

        GoogleJsonResponseException duplicate = catchGoogle(() ->
                calendar.events().insert("primary", event("Again").setId(id)).execute());
        assertThat(duplicate.getStatusCode()).isEqualTo(409);
        assertThat(duplicate.getDetails().getErrors().get(0).getReason()).isEqualTo("duplicate");
        assertThat(duplicate.getDetails().getMessage()).isEqualTo("The requested identifier already exists.");

        calendar.events().delete("primary", id).execute();
        assertThat(catchGoogle(() -> calendar.events().insert("primary", event("Again").setId(id)).execute())
                .getStatusCode()).as("a cancelled event keeps its id").isEqualTo(409);

        for (String bad : List.of("abc", "has-hyphen-0001", "UPPERCASE0001", "wxyz00001")) {
            GoogleJsonResponseException invalid = catchGoogle(() ->
                    calendar.events().insert("primary", event("Bad").setId(bad)).execute());
            assertThat(invalid.getStatusCode()).as(bad).isEqualTo(400);
            assertThat(invalid.getDetails().getErrors().get(0).getReason()).isEqualTo("invalid");
        }
    }

    @Test
    void deletingTwiceIs410DeletedAndUnknownIs404() throws IOException {
        Calendar calendar = clients.calendar(emulator.admin().email(3));
        Event inserted = calendar.events().insert("primary", event("Once")).execute();
        calendar.events().delete("primary", inserted.getId()).execute();
        GoogleJsonResponseException again = catchGoogle(() ->
                calendar.events().delete("primary", inserted.getId()).execute());
        assertThat(again.getStatusCode()).isEqualTo(410);
        assertThat(again.getDetails().getErrors().get(0).getReason()).isEqualTo("deleted");
        GoogleJsonResponseException unknown = catchGoogle(() ->
                calendar.events().delete("primary", "nosuchevent00").execute());
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
        assertThat(catchGoogle(() -> calendar.events().patch("primary", "nosuchevent00", new Event()
                .setSummary("x")).execute()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void staleIfMatchIs412ConditionNotMetAndChangesNothing() throws IOException {
        Calendar calendar = clients.calendar(emulator.admin().email(4));
        Event inserted = calendar.events().insert("primary", event("Guarded")).execute();
        clock.advance(Duration.ofSeconds(1));
        Event current = calendar.events().patch("primary", inserted.getId(), new Event().setSummary("Newer"))
                .execute();

        Calendar.Events.Patch stalePatch = calendar.events().patch("primary", inserted.getId(),
                new Event().setSummary("Lost update"));
        stalePatch.getRequestHeaders().setIfMatch(inserted.getEtag());
        assertConditionNotMet(catchGoogle(stalePatch::execute));
        Calendar.Events.Update staleUpdate = calendar.events().update("primary", inserted.getId(),
                event("Lost update"));
        staleUpdate.getRequestHeaders().setIfMatch(inserted.getEtag());
        assertConditionNotMet(catchGoogle(staleUpdate::execute));
        Calendar.Events.Delete staleDelete = calendar.events().delete("primary", inserted.getId());
        staleDelete.getRequestHeaders().setIfMatch(inserted.getEtag());
        assertConditionNotMet(catchGoogle(staleDelete::execute));
        assertThat(calendar.events().get("primary", inserted.getId()).execute().getSummary()).isEqualTo("Newer");

        Calendar.Events.Patch freshPatch = calendar.events().patch("primary", inserted.getId(),
                new Event().setSummary("Fresh"));
        freshPatch.getRequestHeaders().setIfMatch(current.getEtag());
        assertThat(freshPatch.execute().getSummary()).isEqualTo("Fresh");
    }

    @Test
    void readerAndFreeBusyCalendarsAre403RequiredAccessLevelAndWriterCalendarsTakeWrites() throws IOException {
        String email = emulator.admin().email(5);
        Calendar calendar = clients.calendar(email);
        CalendarView reader = emulator.admin().addCalendar(email, "Holidays", "reader");
        CalendarView busy = emulator.admin().addCalendar(email, "Colleague", "freeBusyReader");
        CalendarView writer = emulator.admin().addCalendar(email, "Shared project", "writer");
        for (CalendarView readOnly : List.of(reader, busy)) {
            GoogleJsonResponseException e = catchGoogle(() ->
                    calendar.events().insert(readOnly.id(), event("Nope")).execute());
            assertThat(e.getStatusCode()).isEqualTo(403);
            assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("requiredAccessLevel");
            assertThat(e.getDetails().getMessage()).isEqualTo("You need to have writer access to this calendar.");
        }
        CalendarEvent seeded = emulator.admin().addEvent(email, reader.id(),
                NewEvent.of("Holiday", START, Duration.ofHours(24)));
        assertThat(catchGoogle(() -> calendar.events().delete(reader.id(), seeded.id()).execute()).getStatusCode())
                .isEqualTo(403);
        assertThat(calendar.events().insert(writer.id(), event("Shared")).execute().getSummary())
                .isEqualTo("Shared");
    }

    @Test
    void aReadOnlyTokenGets403InsufficientPermissionsButCalendarEventsScopeWrites() throws IOException {
        String email = emulator.admin().email(6);
        Calendar readOnly = clients.calendar(EmulatorClients.bearer(
                emulator.admin().accessToken(email, Scopes.READ_ONLY.values())));
        assertThat(readOnly.events().list("primary").execute().getItems()).isNotEmpty();
        long before = emulator.admin().requestCounts(email, Api.CALENDAR).requests();
        GoogleJsonResponseException e = catchGoogle(() -> readOnly.events().insert("primary", event("No"))
                .execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
        assertThat(e.getDetails().getMessage()).isEqualTo("Request had insufficient authentication scopes.");
        assertThat(emulator.admin().requestCounts(email, Api.CALENDAR).requests()).isEqualTo(before + 1);
        for (String scope : List.of("https://www.googleapis.com/auth/calendar",
                "https://www.googleapis.com/auth/calendar.events")) {
            Calendar writer = clients.calendar(EmulatorClients.bearer(
                    emulator.admin().accessToken(email, List.of(scope))));
            assertThat(writer.events().insert("primary", event("Yes")).execute().getId()).isNotBlank();
        }
    }

    @Test
    void patchingAnOccurrenceMakesAnExceptionAndDeletingOneCancelsIt() throws IOException {
        String email = emulator.admin().email(3);
        Calendar calendar = clients.calendar(email);
        Event series = calendar.events().insert("primary", event("Weekly")
                .setRecurrence(List.of("RRULE:FREQ=WEEKLY;COUNT=5"))).execute();
        assertThat(series.getRecurrence()).containsExactly("RRULE:FREQ=WEEKLY;COUNT=5");
        String token = fullSync(calendar, "primary");
        String second = series.getId() + "_20260309T100000Z";
        String third = series.getId() + "_20260316T100000Z";

        Event exception = calendar.events().patch("primary", second, new Event().setSummary("Weekly (moved)")
                .setStart(at("2026-03-09T14:00:00Z")).setEnd(at("2026-03-09T15:00:00Z"))).execute();
        assertThat(exception.getId()).isEqualTo(second);
        assertThat(exception.getRecurringEventId()).isEqualTo(series.getId());
        assertThat(exception.getOriginalStartTime().getDateTime().getValue())
                .isEqualTo(Instant.parse("2026-03-09T10:00:00Z").toEpochMilli());
        calendar.events().delete("primary", third).execute();

        Events changes = calendar.events().list("primary").setSyncToken(token).execute();
        assertThat(changes.getItems()).extracting(Event::getId).containsExactlyInAnyOrder(second, third);
        assertThat(changes.getItems()).filteredOn(e -> e.getId().equals(third)).singleElement()
                .satisfies(e -> assertThat(e.getStatus()).isEqualTo("cancelled"));
        assertThat(catchGoogle(() -> calendar.events().patch("primary", series.getId() + "_20260310T100000Z",
                new Event().setSummary("not an occurrence")).execute()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void writesNotifyTheCalendarsChannels() throws Exception {
        String email = emulator.admin().email(4);
        Calendar calendar = clients.calendar(email);
        calendar.events().watch("primary", new Channel().setId("writes-1").setType("web_hook")
                .setAddress(receiver.url("/webhooks/calendar"))).execute();
        await().atMost(Duration.ofSeconds(5)).until(() -> pushes("writes-1") == 1);
        Event inserted = calendar.events().insert("primary", event("Pushed")).execute();
        await().atMost(Duration.ofSeconds(5)).until(() -> pushes("writes-1") == 2);
        calendar.events().patch("primary", inserted.getId(), new Event().setSummary("Pushed again")).execute();
        calendar.events().delete("primary", inserted.getId()).execute();
        await().atMost(Duration.ofSeconds(5)).until(() -> pushes("writes-1") == 4);
        assertThat(receiver.pushes()).filteredOn(p -> "writes-1".equals(p.header("X-Goog-Channel-ID")))
                .extracting(p -> p.header("X-Goog-Resource-State")).containsExactly("sync", "exists", "exists",
                        "exists");
    }

    private long pushes(String channelId) {
        return receiver.pushes().stream().filter(p -> channelId.equals(p.header("X-Goog-Channel-ID"))).count();
    }

    private static void assertConditionNotMet(GoogleJsonResponseException e) {
        assertThat(e.getStatusCode()).isEqualTo(412);
        GoogleJsonError.ErrorInfo item = e.getDetails().getErrors().get(0);
        assertThat(item.getReason()).isEqualTo("conditionNotMet");
        assertThat(item.getDomain()).isEqualTo("global");
        assertThat(item.getMessage()).isEqualTo("Precondition Failed");
        assertThat(item.getLocationType()).isEqualTo("header");
        assertThat(item.getLocation()).isEqualTo("If-Match");
        assertThat(e.getDetails().getMessage()).isEqualTo("Precondition Failed");
        assertThat(e.getDetails().get("status")).isNull();
    }

    private static Event event(String summary) {
        return new Event().setSummary(summary).setStart(at("2026-03-02T10:00:00Z"))
                .setEnd(at("2026-03-02T11:00:00Z"));
    }

    private static EventDateTime at(String instant) {
        return new EventDateTime().setDateTime(new DateTime(instant));
    }

    private static String fullSync(Calendar calendar, String calendarId) throws IOException {
        String pageToken = null;
        Events page;
        do {
            page = calendar.events().list(calendarId).setPageToken(pageToken).execute();
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return page.getNextSyncToken();
    }
}
