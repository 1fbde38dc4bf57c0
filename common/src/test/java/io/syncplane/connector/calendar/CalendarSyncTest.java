package io.syncplane.connector.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncMode;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.admin.GroundTruth;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.calendar.EventChange;
import io.syncplane.emulator.calendar.EventTime;
import io.syncplane.emulator.calendar.NewEvent;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.http.Api;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncRun;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.sync.ReauthorizationRequiredException;
import io.syncplane.sync.SyncStoppedException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Calendar connector against the emulator and a real Postgres: every test takes a user of its own with only a
 * primary calendar (30 events, some all-day) and reads it in pages of 7, so paging and checkpoints are exercised on
 * every run. Several calendars and recurring events: {@link CalendarListSyncTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarSyncTest {

    private static final int EVENTS = 30;
    private static final int PAGE = 7;
    private static final Instant SOON = Instant.parse("2026-12-01T09:00:00Z");

    private ConnectorHarness harness;
    private EmulatorAdmin admin;
    private StoredEvents stored;
    private CalendarSyncJob job;
    /** Without read-ahead, for faults injected between two pages that must hit the very next page. */
    private CalendarSyncJob pageByPage;
    private final AtomicInteger users = new AtomicInteger();

    @BeforeAll
    void start() {
        harness = new ConnectorHarness(b -> b.users(16).eventsPerUser(EVENTS).messagesPerUser(1));
        admin = harness.emulator.admin();
        stored = new StoredEvents(harness.ledger);
        job = new CalendarSyncJob(harness.clients, harness.items, harness.sweep, harness.ledger.clock,
                CalendarSyncSettings.defaults().withPageSize(PAGE));
        pageByPage = new CalendarSyncJob(harness.clients, harness.items, harness.sweep, harness.ledger.clock,
                CalendarSyncSettings.defaults().withPageSize(PAGE).withoutReadAhead());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void a_full_sync_equals_the_ground_truth() {
        Linked user = aCalendar();
        CalendarEvent allDay = admin.addEvent(user.email(), "primary", new NewEvent("Offsite", null, null,
                EventTime.allDay(LocalDate.parse("2026-12-03")), EventTime.allDay(LocalDate.parse("2026-12-05"))));
        GroundTruth truth = admin.groundTruth(user.email());

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredEvents.expected(truth)).hasSize(EVENTS + 1);
        assertThat(stored.live(user.connectionId()).get(allDay.id())).isEqualTo(new StoredEvents.Row(user.email(),
                allDay.id(), "confirmed", "Offsite", Instant.parse("2026-12-03T00:00:00Z"), Instant.parse("2026-12-05T00:00:00Z"),
                true));
        assertThat(run.state().cursor()).isNotBlank();
        assertThat(run.state().checkpoint()).isNull();
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.FULL);
        assertThat(lastRun(user).counts()).isEqualTo(new SyncCounts(EVENTS + 1, 0, 0));
        assertThat(stored.column(user.connectionId(), allDay.id(), "raw"))
                .contains("\"start\": {\"date\": \"2026-12-03\"}");
    }

    @Test
    void a_full_sync_shows_its_progress_between_pages() {
        Linked user = aCalendar();
        List<SyncCheckpoint> seen = new ArrayList<>();

        Run run = harness.sync(job, user.key(Source.CALENDAR), () -> {
            seen.add(harness.state(user, Source.CALENDAR).checkpoint());
            return false;
        });

        assertThat(run.completed()).isTrue();
        assertThat(seen).extracting(c -> c.counts().added()).containsExactly(7L, 14L, 21L, 28L);
        assertThat(seen).allSatisfy(c -> {
            assertThat(c.phase()).isEqualTo(CalendarPass.FULL + ":" + user.email());
            assertThat(c.generation()).isNotNull();
            assertThat(c.estimatedTotal()).as("Calendar gives no estimate").isNull();
        });
    }

    @Test
    void an_incremental_sync_applies_added_updated_and_cancelled_events() {
        Linked user = aCalendar();
        assertThat(sync(user).completed()).isTrue();
        List<CalendarEvent> before = events(user);
        admin.addEvent(user.email(), "primary", NewEvent.of("Planning", SOON, Duration.ofHours(1)));
        admin.addEvent(user.email(), "primary", new NewEvent("Holiday", null, null,
                EventTime.allDay(LocalDate.parse("2026-12-24")), EventTime.allDay(LocalDate.parse("2026-12-27"))));
        admin.updateEvent(user.email(), "primary", before.get(0).id(), EventChange.summary("Renamed"));
        admin.updateEvent(user.email(), "primary", before.get(1).id(), new EventChange(null, null, null,
                EventTime.at(SOON.plusSeconds(7200)), EventTime.at(SOON.plusSeconds(9000))));
        admin.deleteEvent(user.email(), "primary", before.get(2).id());
        admin.deleteEvent(user.email(), "primary", before.get(3).id());
        CalendarEvent neverSeen = admin.addEvent(user.email(), "primary", NewEvent.of("Cancelled at once", SOON,
                Duration.ofMinutes(30)));
        admin.deleteEvent(user.email(), "primary", neverSeen.id());
        GroundTruth truth = admin.groundTruth(user.email());

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredEvents.expected(truth));
        assertThat(stored.tombstoned(user.connectionId()))
                .containsExactlyInAnyOrder(before.get(2).id(), before.get(3).id(), neverSeen.id());
        assertThat(stored.column(user.connectionId(), before.get(2).id(), "status")).isEqualTo("cancelled");
        assertThat(lastRun(user).counts()).isEqualTo(new SyncCounts(2, 2, 2));
    }

    @Test
    void an_idle_incremental_sync_asks_calendar_twice_and_rewrites_nothing() {
        Linked user = aCalendar();
        Run full = sync(user);
        Map<String, Long> rowsBefore = stored.changeSeqs(user.connectionId());
        long requestsBefore = admin.requestCounts(user.email(), Api.CALENDAR).requests();

        Run run = sync(user);

        assertThat(run.completed()).isTrue();
        assertThat(run.state().itemsLastRun()).isZero();
        assertThat(admin.requestCounts(user.email(), Api.CALENDAR).requests() - requestsBefore)
                .as("the calendar list, then the one calendar's changes").isEqualTo(2);
        assertThat(stored.changeSeqs(user.connectionId())).isEqualTo(rowsBefore);
        assertThat(run.state().cursor()).isNotBlank().isNotEqualTo(full.state().cursor());
    }

    @Test
    void an_expired_sync_token_leads_to_a_resync_that_tombstones_exactly_what_is_gone() {
        Linked user = aCalendar();
        assertThat(sync(user).completed()).isTrue();
        List<CalendarEvent> before = events(user);
        List<String> deleted = List.of(before.get(4).id(), before.get(20).id());
        deleted.forEach(id -> admin.deleteEvent(user.email(), "primary", id));
        admin.updateEvent(user.email(), "primary", before.get(9).id(), EventChange.summary("Moved on"));
        admin.addEvent(user.email(), "primary", NewEvent.of("New while expired", SOON, Duration.ofHours(2)));
        admin.expireCursors(user.email());

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        // the cursor stays: only the calendar whose token expired is listed again
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredEvents.expected(admin.groundTruth(user.email())));
        assertThat(stored.tombstoned(user.connectionId())).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(lastRun(user).counts()).isEqualTo(new SyncCounts(1, 1, 2));
        assertThat(run.state().lastError()).isNull();
    }

    @Test
    void a_sync_stopped_after_two_pages_resumes_from_its_checkpoint_without_reading_those_pages_again() {
        Linked user = aCalendar();
        AtomicInteger pages = new AtomicInteger();

        Run stopped = harness.sync(job, user.key(Source.CALENDAR), () -> pages.incrementAndGet() == 2);

        assertThat(stopped.error()).isInstanceOf(SyncStoppedException.class);
        assertThat(stopped.state().status()).isEqualTo(SyncStatus.IDLE);
        assertThat(stopped.state().checkpoint().counts()).isEqualTo(new SyncCounts(14, 0, 0));
        Map<String, Long> firstTwoPages = stored.changeSeqs(user.connectionId());
        assertThat(firstTwoPages).hasSize(14);
        long requestsBefore = admin.requestCounts(user.email(), Api.CALENDAR).requests();

        Run resumed = sync(user);

        assertThat(resumed.completed()).as("%s", resumed.error()).isTrue();
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredEvents.expected(admin.groundTruth(user.email())));
        assertThat(admin.requestCounts(user.email(), Api.CALENDAR).requests() - requestsBefore)
                .as("the calendar list, then pages three to five").isEqualTo(4);
        assertThat(stored.changeSeqs(user.connectionId())).containsAllEntriesOf(firstTwoPages);
        assertThat(resumed.state().itemsLastRun()).isEqualTo(EVENTS);
    }

    @Test
    void an_incremental_sync_stopped_between_pages_resumes_with_the_same_sync_token() {
        Linked user = aCalendar();
        Run full = sync(user);
        for (CalendarEvent event : events(user).subList(0, 12)) {
            admin.updateEvent(user.email(), "primary", event.id(), EventChange.summary(event.summary() + " (moved)"));
        }
        AtomicInteger pages = new AtomicInteger();

        Run stopped = harness.sync(job, user.key(Source.CALENDAR), () -> pages.incrementAndGet() == 1);

        assertThat(stopped.error()).isInstanceOf(SyncStoppedException.class);
        SyncCheckpoint checkpoint = stopped.state().checkpoint();
        assertThat(checkpoint.phase()).isEqualTo(CalendarPass.CHANGES + ":" + user.email());
        assertThat(checkpoint.pendingCursor()).isEqualTo(full.state().cursor());
        assertThat(checkpoint.counts()).isEqualTo(new SyncCounts(0, 7, 0));

        Run resumed = sync(user);

        assertThat(resumed.completed()).as("%s", resumed.error()).isTrue();
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredEvents.expected(admin.groundTruth(user.email())));
        assertThat(resumed.state().itemsLastRun()).isEqualTo(12);
    }

    @Test
    void a_connection_dropped_mid_sync_fails_the_run_and_the_retry_resumes_from_the_checkpoint() {
        Linked user = aCalendar();

        Run failed = syncDroppingTheConnectionAfterPage(pageByPage, user, 2);

        assertThat(failed.state().status()).isEqualTo(SyncStatus.ERROR);
        assertThat(failed.error()).isInstanceOf(IOException.class);
        assertThat(failed.state().checkpoint().counts()).isEqualTo(new SyncCounts(14, 0, 0));
        assertTheRetryConvergesKeeping(user, stored.changeSeqs(user.connectionId()));
    }

    @Test
    void a_connection_dropped_while_the_next_page_is_read_ahead_fails_the_run_and_the_retry_converges() {
        Linked user = aCalendar();

        // With read-ahead the third page's request may already have reached Google when the fault starts, so the
        // read that fails is the third's or the fourth's: on the reader's thread, surfacing where the loop takes it.
        Run failed = syncDroppingTheConnectionAfterPage(job, user, 2);

        assertThat(failed.state().status()).isEqualTo(SyncStatus.ERROR);
        assertThat(failed.error()).isInstanceOf(IOException.class);
        assertThat(failed.state().checkpoint().counts().added()).as("pages committed before the failed read")
                .isGreaterThanOrEqualTo(14);
        assertTheRetryConvergesKeeping(user, stored.changeSeqs(user.connectionId()));
    }

    @Test
    void a_checkpoint_page_token_calendar_no_longer_accepts_restarts_the_listing_and_still_converges() {
        Linked user = aCalendar();
        AtomicInteger pages = new AtomicInteger();
        harness.sync(job, user.key(Source.CALENDAR), () -> pages.incrementAndGet() == 2);
        harness.ledger.jdbc.sql("UPDATE sync_state SET checkpoint_page_token = 'not-a-token' WHERE id = ?")
                .param(harness.state(user, Source.CALENDAR).id()).update();
        String seenThenDeleted = stored.live(user.connectionId()).keySet().iterator().next();
        admin.deleteEvent(user.email(), "primary", seenThenDeleted);

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredEvents.expected(admin.groundTruth(user.email())));
        assertThat(stored.tombstoned(user.connectionId())).containsExactly(seenThenDeleted);
    }

    @Test
    void the_safety_valve_keeps_the_copy_when_almost_everything_vanished_until_an_operator_forces_the_resync() {
        Linked user = aCalendar();
        assertThat(sync(user).completed()).isTrue();
        events(user).subList(0, 28).forEach(e -> admin.deleteEvent(user.email(), "primary", e.id()));
        admin.expireCursors(user.email());

        Run held = sync(user);

        assertThat(held.completed()).as("%s", held.error()).isTrue();
        assertThat(held.state().lastError()).contains("safety valve").contains("28 of 30");
        assertThat(stored.live(user.connectionId())).hasSize(EVENTS);

        SyncState forced = harness.ledger.states.forceFullResync(harness.state(user, Source.CALENDAR), "operator");
        assertThat(forced.forceFullSync()).isTrue();
        Run applied = sync(user);

        assertThat(applied.completed()).as("%s", applied.error()).isTrue();
        assertThat(applied.state().lastError()).isNull();
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredEvents.expected(admin.groundTruth(user.email())));
        assertThat(stored.tombstoned(user.connectionId())).hasSize(28);
        assertThat(lastRun(user).counts()).isEqualTo(new SyncCounts(0, 0, 28));
    }

    @Test
    void an_event_postgres_cannot_store_is_skipped_and_named_in_the_runs_warning() {
        Linked user = aCalendar();
        assertThat(sync(user).completed()).isTrue();
        CalendarEvent poisoned = admin.addEvent(user.email(), "primary",
                NewEvent.of("nul \u0000 in the title", SOON, Duration.ofHours(1)));
        CalendarEvent fine = admin.addEvent(user.email(), "primary",
                NewEvent.of("Ordinary", SOON, Duration.ofHours(1)));

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(run.state().lastError()).isEqualTo("skipped 1 malformed Calendar event: " + poisoned.id()
                + " (contains NUL characters, which Postgres cannot store)");
        Map<String, StoredEvents.Row> expected = StoredEvents.expected(admin.groundTruth(user.email()));
        expected.remove(poisoned.id());
        assertThat(stored.live(user.connectionId())).isEqualTo(expected).containsKey(fine.id());
    }

    @Test
    void an_event_calendar_now_sends_malformed_counts_as_seen_by_a_full_sync_so_its_stored_copy_stays_as_it_was() {
        Linked user = aCalendar();
        assertThat(sync(user).completed()).isTrue();
        String poisoned = admin.groundTruth(user.email()).eventsByCalendar().get(user.email()).get(0).id();
        StoredEvents.Row before = stored.live(user.connectionId()).get(poisoned);
        admin.updateEvent(user.email(), "primary", poisoned, EventChange.summary("nul \u0000 in the title"));
        admin.expireCursors(user.email());

        Run resync = sync(user);

        // the expired token makes this calendar's pass a full listing with its own sweep (the run itself is recorded
        // as incremental: only a run without any cursor is a full one)
        assertThat(resync.completed()).as("%s", resync.error()).isTrue();
        assertThat(stored.tombstoned(user.connectionId())).as("Calendar still has it: the sweep spares it").isEmpty();
        assertThat(stored.live(user.connectionId())).hasSize(EVENTS).containsEntry(poisoned, before);
        assertThat(resync.state().lastError())
                .isEqualTo("skipped 1 malformed Calendar event: " + poisoned + " (contains NUL characters, which Postgres cannot store)");
        assertThat(lastRun(user).error()).isEqualTo(resync.state().lastError());
    }

    @Test
    void a_server_error_fails_the_run_for_the_workers_backoff() {
        Linked user = aCalendar();
        admin.userFaults(user.email(), FaultPlan.errors500(1.0));
        try {
            Run run = sync(user);

            assertThat(run.state().status()).isEqualTo(SyncStatus.ERROR);
            assertThat(run.state().lastError()).contains("500");
        } finally {
            admin.userFaults(user.email(), null);
        }
    }

    @Test
    void a_revoked_grant_ends_the_run_needing_reauthorisation() {
        Linked user = aCalendar();
        AtomicInteger pages = new AtomicInteger();

        Run run = harness.sync(pageByPage, user.key(Source.CALENDAR), () -> {
            if (pages.incrementAndGet() == 1) {
                admin.revokeGrant(user.email());
            }
            return false;
        });

        assertThat(run.error()).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(run.state().status()).isEqualTo(SyncStatus.NEEDS_REAUTH);
        assertThat(run.state().checkpoint().counts()).isEqualTo(new SyncCounts(PAGE, 0, 0));
    }

    /** A sync whose connection to Google drops from the moment the given page has been committed. */
    private Run syncDroppingTheConnectionAfterPage(CalendarSyncJob with, Linked user, int page) {
        AtomicInteger pages = new AtomicInteger();
        try {
            return harness.sync(with, user.key(Source.CALENDAR), () -> {
                if (pages.incrementAndGet() == page) {
                    admin.userFaults(user.email(), FaultPlan.drops(1.0));
                }
                return false;
            });
        } finally {
            admin.userFaults(user.email(), null);
        }
    }

    /** The next sync completes with Google's copy and rewrites none of the rows the failed one committed. */
    private void assertTheRetryConvergesKeeping(Linked user, Map<String, Long> committed) {
        Run retried = sync(user);

        assertThat(retried.completed()).as("%s", retried.error()).isTrue();
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredEvents.expected(admin.groundTruth(user.email())));
        assertThat(stored.changeSeqs(user.connectionId())).containsAllEntriesOf(committed);
    }

    private Linked aCalendar() {
        return harness.link(users.incrementAndGet());
    }

    private List<CalendarEvent> events(Linked user) {
        return admin.groundTruth(user.email()).eventsByCalendar().get(user.email());
    }

    private Run sync(Linked user) {
        return harness.sync(job, user.key(Source.CALENDAR));
    }

    private SyncRun lastRun(Linked user) {
        return harness.ledger.runs.recent(user.key(Source.CALENDAR), 1).get(0);
    }
}
