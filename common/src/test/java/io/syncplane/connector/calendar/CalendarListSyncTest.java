package io.syncplane.connector.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncMode;
import io.syncplane.emulator.admin.CalendarView;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.calendar.EventChange;
import io.syncplane.emulator.calendar.EventTime;
import io.syncplane.emulator.calendar.NewEvent;
import io.syncplane.emulator.http.Api;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncRun;
import io.syncplane.sync.SyncStoppedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several calendars per account and recurring events, against the emulator through the real Calendar client and a
 * real Postgres. Each user has five calendars: primary (10 events), an owned team calendar, a subscribed holiday
 * calendar (reader), a colleague's calendar seen as free/busy only (not synced) and a shared one (writer), the
 * secondaries with 5 events each; every calendar also has a weekly series with a moved and a cancelled occurrence.
 * Pages of 4, so every calendar takes more than one page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarListSyncTest {

    private static final int PAGE = 4;
    private static final Instant SOON = Instant.parse("2026-12-01T09:00:00Z");

    private ConnectorHarness harness;
    private EmulatorAdmin admin;
    private StoredEvents stored;
    private CalendarSyncJob job;
    private final AtomicInteger users = new AtomicInteger();

    @BeforeAll
    void start() {
        harness = new ConnectorHarness(b -> b.users(12).eventsPerUser(10).calendarsPerUser(5).recurringPerCalendar(1)
                .messagesPerUser(1));
        admin = harness.emulator.admin();
        stored = new StoredEvents(harness.ledger);
        job = new CalendarSyncJob(harness.clients, harness.items, harness.sweep, harness.ledger.clock,
                CalendarSyncSettings.defaults().withPageSize(PAGE));
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void a_full_sync_copies_every_calendar_the_user_can_read_each_row_under_its_calendar() {
        Linked user = aUser();
        List<CalendarView> calendars = admin.calendars(user.email());

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.FULL);
        assertThat(stored.live(user.connectionId())).isEqualTo(expected(user)).hasSize(13 + 3 * 8);
        String colleague = calendars.get(3).id();
        assertThat(calendars.get(3).accessRole()).isEqualTo("freeBusyReader");
        assertThat(stored.liveByCalendar(user.connectionId())).containsOnlyKeys(calendars.get(0).id(),
                calendars.get(1).id(), calendars.get(2).id(), calendars.get(4).id()).doesNotContainKey(colleague);
        assertThat(CalendarCursor.parse(run.state().cursor()).orElseThrow().tokens()).containsOnlyKeys(
                calendars.get(0).id(), calendars.get(1).id(), calendars.get(2).id(), calendars.get(4).id());
    }

    @Test
    void an_incremental_sync_continues_every_calendar_from_its_own_token() {
        Linked user = aUser();
        assertThat(sync(user).completed()).isTrue();
        List<CalendarView> calendars = admin.calendars(user.email());
        String team = calendars.get(1).id();
        String holidays = calendars.get(2).id();
        CalendarEvent lunch = admin.addEvent(user.email(), team, NewEvent.of("Team lunch", SOON, Duration.ofHours(1)));
        CalendarEvent holiday = events(user, holidays).get(0);
        admin.updateEvent(user.email(), holidays, holiday.id(), EventChange.summary("Moved holiday"));
        CalendarEvent gone = events(user, user.email()).stream().filter(e -> !e.series() && !e.exception())
                .findFirst().orElseThrow();
        admin.deleteEvent(user.email(), "primary", gone.id());
        long requestsBefore = requests(user);

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(stored.live(user.connectionId())).isEqualTo(expected(user));
        assertThat(stored.live(user.connectionId()).get(lunch.id()).calendarId()).isEqualTo(team);
        assertThat(stored.live(user.connectionId()).get(holiday.id()).summary()).isEqualTo("Moved holiday");
        assertThat(stored.tombstoned(user.connectionId())).containsExactly(gone.id());
        assertThat(requests(user) - requestsBefore).as("the calendar list, then one page per calendar").isEqualTo(5);
    }

    @Test
    void a_410_on_one_calendar_resyncs_that_calendar_alone() {
        Linked user = aUser();
        Run first = sync(user);
        String team = admin.calendars(user.email()).get(1).id();
        Map<String, String> tokensBefore = CalendarCursor.parse(first.state().cursor()).orElseThrow().tokens();
        CalendarEvent deleted = events(user, team).stream().filter(e -> !e.series() && !e.exception()).findFirst()
                .orElseThrow();
        admin.deleteEvent(user.email(), team, deleted.id());
        admin.expireCalendarCursors(user.email(), team);
        long requestsBefore = requests(user);

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(run.state().lastError()).isNull();
        assertThat(lastRun(user).mode()).as("the cursor was kept").isEqualTo(SyncMode.INCREMENTAL);
        assertThat(stored.live(user.connectionId())).isEqualTo(expected(user));
        // the resync's sweep found the deletion the expired token could no longer report
        assertThat(stored.tombstoned(user.connectionId())).containsExactly(deleted.id());
        assertThat(requests(user) - requestsBefore)
                .as("the list, one page for each of the three other calendars, the 410, two full pages of the team's")
                .isEqualTo(1 + 3 + 1 + 2);
        Map<String, String> tokensAfter = CalendarCursor.parse(run.state().cursor()).orElseThrow().tokens();
        assertThat(tokensAfter).containsOnlyKeys(tokensBefore.keySet());
        assertThat(tokensAfter.get(team)).isNotEqualTo(tokensBefore.get(team));
    }

    @Test
    void a_calendar_that_left_the_list_has_its_events_tombstoned_and_a_new_one_is_copied() {
        Linked user = aUser();
        assertThat(sync(user).completed()).isTrue();
        String team = admin.calendars(user.email()).get(1).id();
        long teamRows = stored.liveByCalendar(user.connectionId()).get(team);
        admin.removeCalendar(user.email(), team);
        CalendarView bookClub = admin.addCalendar(user.email(), "Book club", "writer");
        CalendarEvent meeting = admin.addEvent(user.email(), bookClub.id(), NewEvent.of("Chapter 3", SOON,
                Duration.ofHours(2)));

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(run.state().lastError()).isNull();
        assertThat(stored.live(user.connectionId())).isEqualTo(expected(user));
        assertThat(stored.liveByCalendar(user.connectionId())).doesNotContainKey(team)
                .containsEntry(bookClub.id(), 1L);
        assertThat(stored.live(user.connectionId()).get(meeting.id()).calendarId()).isEqualTo(bookClub.id());
        assertThat(stored.tombstoned(user.connectionId())).hasSize((int) teamRows);
        assertThat(lastRun(user).counts().deleted()).isEqualTo(teamRows);
        assertThat(CalendarCursor.parse(run.state().cursor()).orElseThrow().tokens()).doesNotContainKey(team)
                .containsKey(bookClub.id());

        Run idle = sync(user);
        assertThat(idle.completed()).isTrue();
        assertThat(idle.state().itemsLastRun()).isZero();
    }

    @Test
    void removing_a_calendar_that_held_almost_every_event_is_held_back_by_the_safety_valve_until_forced() {
        Linked user = aUser();
        assertThat(sync(user).completed()).isTrue();
        List<CalendarView> calendars = admin.calendars(user.email());
        for (int i : new int[] {1, 2, 4}) {
            admin.removeCalendar(user.email(), calendars.get(i).id());
        }
        assertThat(sync(user).state().lastError()).as("24 of 37 rows is no mass deletion").isNull();
        CalendarView imported = admin.addCalendar(user.email(), "Imported", "owner");
        for (int i = 0; i < 120; i++) {
            admin.addEvent(user.email(), imported.id(), NewEvent.of("Imported " + i, SOON.plusSeconds(3600L * i),
                    Duration.ofMinutes(30)));
        }
        assertThat(sync(user).completed()).isTrue();
        assertThat(stored.liveByCalendar(user.connectionId())).containsEntry(imported.id(), 120L);
        admin.removeCalendar(user.email(), imported.id());

        Run held = sync(user);

        assertThat(held.completed()).as("%s", held.error()).isTrue();
        assertThat(held.state().lastError()).contains("safety valve").contains(imported.id()).contains("120 of 133");
        assertThat(stored.liveByCalendar(user.connectionId())).containsEntry(imported.id(), 120L);

        harness.ledger.states.forceFullResync(harness.state(user, Source.CALENDAR), "operator");
        Run applied = sync(user);

        assertThat(applied.completed()).as("%s", applied.error()).isTrue();
        assertThat(applied.state().lastError()).isNull();
        assertThat(stored.live(user.connectionId())).isEqualTo(expected(user));
        assertThat(stored.liveByCalendar(user.connectionId())).containsOnlyKeys(user.email());
    }

    @Test
    void a_series_its_moved_occurrence_and_its_cancelled_occurrence_are_stored_as_google_lists_them() {
        Linked user = aUser();
        assertThat(sync(user).completed()).isTrue();
        CalendarEvent series = events(user, user.email()).stream().filter(CalendarEvent::series).findFirst()
                .orElseThrow();
        List<CalendarEvent> exceptions = events(user, user.email()).stream()
                .filter(e -> series.id().equals(e.recurringEventId())).toList();
        assertThat(exceptions).hasSize(2);
        CalendarEvent cancelled = exceptions.stream().filter(CalendarEvent::cancelled).findFirst().orElseThrow();
        long conn = user.connectionId();
        assertThat(stored.column(conn, series.id(), "raw")).contains("RRULE:FREQ=WEEKLY;COUNT=12");
        assertThat(stored.column(conn, series.id(), "recurring_event_id")).isNull();
        assertThat(stored.live(conn).get(cancelled.id()).status()).isEqualTo("cancelled");
        assertThat(stored.column(conn, cancelled.id(), "recurring_event_id")).isEqualTo(series.id());
        assertThat(Instant.parse(stored.column(conn, cancelled.id(), "original_start_at").replace(' ', 'T')
                .replace("+00", "Z"))).isEqualTo(cancelled.originalStart().instant());

        EventTime fifth = EventTime.at(series.start().dateTime().plus(Duration.ofDays(28)));
        EventTime sixth = EventTime.at(series.start().dateTime().plus(Duration.ofDays(35)));
        CalendarEvent renamed = admin.changeInstance(user.email(), "primary", series.id(), fifth,
                EventChange.summary("Weekly, in the big room"));
        CalendarEvent dropped = admin.cancelInstance(user.email(), "primary", series.id(), sixth);

        Run changes = sync(user);

        assertThat(changes.completed()).as("%s", changes.error()).isTrue();
        assertThat(stored.live(conn)).isEqualTo(expected(user));
        assertThat(stored.live(conn).get(renamed.id()).summary()).isEqualTo("Weekly, in the big room");
        assertThat(stored.live(conn).get(dropped.id()).status()).isEqualTo("cancelled");
        assertThat(stored.column(conn, dropped.id(), "recurring_event_id")).isEqualTo(series.id());

        admin.deleteEvent(user.email(), "primary", series.id());

        Run deleted = sync(user);

        assertThat(deleted.completed()).as("%s", deleted.error()).isTrue();
        assertThat(stored.live(conn)).isEqualTo(expected(user)).doesNotContainKeys(series.id(), renamed.id(),
                dropped.id(), cancelled.id());
        assertThat(stored.tombstoned(conn)).contains(series.id(), renamed.id(), dropped.id(), cancelled.id());
    }

    @Test
    void a_sync_stopped_between_calendars_resumes_with_the_next_calendar_and_keeps_the_tokens_it_reached() {
        Linked user = aUser();
        AtomicInteger commits = new AtomicInteger();
        List<String> ids = admin.calendars(user.email()).stream().map(CalendarView::id).filter(id -> !id.equals(
                admin.calendars(user.email()).get(3).id())).sorted().toList();
        int firstCalendarPages = pages(user, ids.get(0));

        Run stopped = harness.sync(job, user.key(Source.CALENDAR), () -> commits.incrementAndGet()
                == firstCalendarPages);

        assertThat(stopped.error()).isInstanceOf(SyncStoppedException.class);
        SyncCheckpoint checkpoint = stopped.state().checkpoint();
        assertThat(checkpoint.phase()).isEqualTo(CalendarPass.FULL + ":" + ids.get(1));
        assertThat(checkpoint.pageToken()).isNull();
        assertThat(CalendarCursor.parse(checkpoint.pendingCursor()).orElseThrow().tokens())
                .containsOnlyKeys(ids.get(0));
        long requestsBefore = requests(user);

        Run resumed = sync(user);

        assertThat(resumed.completed()).as("%s", resumed.error()).isTrue();
        assertThat(stored.live(user.connectionId())).isEqualTo(expected(user));
        int otherPages = pages(user, ids.get(1)) + pages(user, ids.get(2)) + pages(user, ids.get(3));
        assertThat(requests(user) - requestsBefore).as("the list and the three calendars not read yet")
                .isEqualTo(1 + otherPages);
        assertThat(CalendarCursor.parse(resumed.state().cursor()).orElseThrow().tokens())
                .containsOnlyKeys(ids);
    }

    @Test
    void a_cursor_from_before_per_calendar_tokens_leads_to_one_full_resync_that_retires_the_old_rows() {
        Linked user = aUser();
        assertThat(sync(user).completed()).isTrue();
        // what the primary-only connector left: rows under calendar_id 'primary' and the bare sync token
        harness.ledger.jdbc.sql("UPDATE calendar_event SET calendar_id = 'primary' WHERE connection_id = ? "
                + "AND calendar_id = ?").params(user.connectionId(), user.email()).update();
        harness.ledger.jdbc.sql("UPDATE sync_state SET sync_cursor = 'CSlegacy.token' WHERE id = ?")
                .param(harness.state(user, Source.CALENDAR).id()).update();

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(run.state().lastError()).isNull();
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.FULL);
        assertThat(stored.live(user.connectionId())).isEqualTo(expected(user));
        assertThat(stored.liveByCalendar(user.connectionId())).doesNotContainKey("primary");
        assertThat(CalendarCursor.parse(run.state().cursor())).isPresent();
    }

    private Linked aUser() {
        return harness.link(users.incrementAndGet());
    }

    private Map<String, StoredEvents.Row> expected(Linked user) {
        return StoredEvents.expected(admin.groundTruth(user.email()));
    }

    private List<CalendarEvent> events(Linked user, String calendarId) {
        return admin.groundTruth(user.email()).eventsByCalendar().get(calendarId);
    }

    /** How many pages a full listing of the calendar takes. */
    private int pages(Linked user, String calendarId) {
        return (int) Math.ceil(events(user, calendarId).size() / (double) PAGE);
    }

    private long requests(Linked user) {
        return admin.requestCounts(user.email(), Api.CALENDAR).requests();
    }

    private Run sync(Linked user) {
        return harness.sync(job, user.key(Source.CALENDAR));
    }

    private SyncRun lastRun(Linked user) {
        return harness.ledger.runs.recent(user.key(Source.CALENDAR), 1).get(0);
    }
}
