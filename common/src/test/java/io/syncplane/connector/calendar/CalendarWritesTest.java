package io.syncplane.connector.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.connector.CountingWriter;
import io.syncplane.connector.OutboxFixture;
import io.syncplane.connector.contacts.AlteredAnswers;
import io.syncplane.domain.Source;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.calendar.EventChange;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.quota.QuotaSettings;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.sync.RateLimitedException;
import io.syncplane.store.SyncedTables;
import io.syncplane.writeback.ConflictPolicy;
import io.syncplane.writeback.OperationKind;
import io.syncplane.writeback.OperationState;
import io.syncplane.writeback.OutboundDrain;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.OutboundSendException;
import io.syncplane.writeback.WriteConflict;
import io.syncplane.writeback.WriteSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calendar writes through the outbox, the real client and the emulator: every kind lands at Google and in the feed
 * once, echoes do not move the feed, conflicts go by policy, and retries never make a second event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarWritesTest {

    private static final Map<String, Object> START = Map.of("dateTime", "2026-12-10T10:00:00Z");
    private static final Map<String, Object> END = Map.of("dateTime", "2026-12-10T11:00:00Z");

    private ConnectorHarness harness;
    private EmulatorAdmin admin;
    private OutboxFixture fixture;
    private CalendarSyncJob job;
    private final AtomicInteger users = new AtomicInteger();

    @BeforeAll
    void start() {
        harness = new ConnectorHarness(b -> b.users(16).eventsPerUser(3).messagesPerUser(1));
        admin = harness.emulator.admin();
        fixture = new OutboxFixture(harness);
        job = new CalendarSyncJob(harness.clients, harness.items, harness.sweep, harness.ledger.clock,
                CalendarSyncSettings.defaults());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void create_update_and_delete_land_at_google_and_in_the_feed_once_and_their_echoes_do_not_move_it() {
        Linked user = synced();
        // an insert answer without htmlLink: the sync's copy of the event then differs from the stored answer while
        // carrying the same etag, so only echo suppression keeps the create's echo out of the feed
        OutboundDrain drain = fixture.drain(new CalendarWriter(AlteredAnswers.clients(harness,
                AlteredAnswers.firstBody("/events", event -> event.remove("htmlLink")))), WriteSettings.defaults());
        String id = OutboxFixture.clientEventId();

        OutboundOperation create = record(user, OperationKind.CREATE, id, null,
                Map.of("summary", "Planning", "start", START, "end", END), Instant.now());
        Run created = fixture.run(drain, job, user);
        OutboundOperation applied = fixture.reread(create);
        Long afterCreate = seq(user, id);
        Run echo = sync(user);

        assertThat(created.completed()).as("%s", created.error()).isTrue();
        assertThat(applied.state()).isEqualTo(OperationState.APPLIED);
        assertThat(applied.result().itemId()).isEqualTo(id);
        assertThat(applied.result().etag()).isNotBlank();
        assertThat(applied.result().version()).isEqualTo(afterCreate);
        assertThat(googleEvent(user, id)).map(CalendarEvent::summary).contains("Planning");
        assertThat(echo.completed()).isTrue();
        assertThat(seq(user, id)).as("the echo is no new feed position").isEqualTo(afterCreate);
        assertThat(fixture.column(SyncedTables.CALENDAR_EVENT, "raw->>'htmlLink'", user.connectionId(),
                user.email(), id)).as("the echo's fuller copy is stored").isNotNull();
        assertThat(fixture.pendingSince(user, Source.CALENDAR)).as("nothing left to send").isNull();

        OutboundOperation update = record(user, OperationKind.UPDATE, id, afterCreate,
                Map.of("summary", "Planning (moved)", "location", "Room 2"), Instant.now());
        fixture.run(drain, job, user);
        OutboundOperation updated = fixture.reread(update);
        Long afterUpdate = seq(user, id);
        sync(user);

        assertThat(updated.state()).isEqualTo(OperationState.APPLIED);
        assertThat(updated.result().etag()).isNotEqualTo(applied.result().etag());
        assertThat(afterUpdate).isGreaterThan(afterCreate).isEqualTo(updated.result().version());
        assertThat(googleEvent(user, id)).map(CalendarEvent::location).contains("Room 2");
        assertThat(fixture.column(SyncedTables.CALENDAR_EVENT, "summary", user.connectionId(), user.email(), id))
                .isEqualTo("Planning (moved)");
        assertThat(seq(user, id)).isEqualTo(afterUpdate);

        admin.updateEvent(user.email(), user.email(), id, EventChange.summary("Renamed at Google"));
        sync(user);
        Long afterRemote = seq(user, id);
        assertThat(afterRemote).as("a real change at Google is news").isGreaterThan(afterUpdate);

        OutboundOperation delete = record(user, OperationKind.DELETE, id, afterRemote, Map.of(), Instant.now());
        fixture.run(drain, job, user);
        OutboundOperation deleted = fixture.reread(delete);
        Long afterDelete = seq(user, id);
        sync(user);

        assertThat(deleted.state()).isEqualTo(OperationState.APPLIED);
        assertThat(afterDelete).isGreaterThan(afterRemote).isEqualTo(deleted.result().version());
        assertThat(googleEvent(user, id)).as("gone from the ground truth").isEmpty();
        assertThat(fixture.column(SyncedTables.CALENDAR_EVENT, "deleted_at IS NOT NULL", user.connectionId(),
                user.email(), id)).isEqualTo("true");
        assertThat(seq(user, id)).isEqualTo(afterDelete);
    }

    @Test
    void google_wins_keeps_googles_copy_and_stores_it_as_news() {
        Linked user = synced();
        String id = seededEvent(user);
        Long base = seq(user, id);
        admin.updateEvent(user.email(), user.email(), id, EventChange.summary("Google's"));

        OutboundOperation op = record(user, OperationKind.UPDATE, id, base, Map.of("summary", "Application's"),
                OutboxFixture.LONG_AFTER);
        fixture.run(drain(WriteSettings.defaults().withPolicy(Source.CALENDAR, ConflictPolicy.GOOGLE_WINS)), job,
                user);

        OutboundOperation after = fixture.reread(op);
        List<WriteConflict> conflicts = fixture.outbox.conflictsOf(op.id());
        assertThat(after.state()).isEqualTo(OperationState.CONFLICT);
        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.decision()).isEqualTo(WriteConflict.Decision.GOOGLE_WON);
            assertThat(c.policy()).isEqualTo(ConflictPolicy.GOOGLE_WINS);
            assertThat(c.googleVersion()).containsEntry("summary", "Google's");
            assertThat(c.applicationVersion()).containsEntry("summary", "Application's");
        });
        assertThat(googleEvent(user, id)).map(CalendarEvent::summary).contains("Google's");
        assertThat(fixture.column(SyncedTables.CALENDAR_EVENT, "summary", user.connectionId(), user.email(), id))
                .isEqualTo("Google's");
        assertThat(seq(user, id)).isGreaterThan(base);
    }

    @Test
    void application_wins_resends_over_googles_current_version() {
        Linked user = synced();
        String id = seededEvent(user);
        Long base = seq(user, id);
        admin.updateEvent(user.email(), user.email(), id, EventChange.summary("Google's"));

        OutboundOperation op = record(user, OperationKind.UPDATE, id, base, Map.of("summary", "Application's"),
                OutboxFixture.LONG_BEFORE);
        fixture.run(drain(WriteSettings.defaults().withPolicy(Source.CALENDAR, ConflictPolicy.APPLICATION_WINS)),
                job, user);

        OutboundOperation after = fixture.reread(op);
        assertThat(after.state()).isEqualTo(OperationState.APPLIED);
        assertThat(fixture.outbox.conflictsOf(op.id())).singleElement()
                .extracting(WriteConflict::decision).isEqualTo(WriteConflict.Decision.APPLICATION_WON);
        assertThat(googleEvent(user, id)).map(CalendarEvent::summary).contains("Application's");
        assertThat(seq(user, id)).isEqualTo(after.result().version());
    }

    @Test
    void newer_wins_by_modification_time_both_ways_and_sees_changes_already_synced() {
        Linked user = synced();
        String newerHere = seededEvent(user, 0);
        String newerThere = seededEvent(user, 1);
        Long baseHere = seq(user, newerHere);
        Long baseThere = seq(user, newerThere);
        admin.updateEvent(user.email(), user.email(), newerHere, EventChange.summary("Google's, older"));
        admin.updateEvent(user.email(), user.email(), newerThere, EventChange.summary("Google's, newer"));
        sync(user); // the changes are in our copy now: found by version, before any call

        OutboundOperation appNewer = record(user, OperationKind.UPDATE, newerHere, baseHere,
                Map.of("summary", "Application's, newer"), OutboxFixture.LONG_AFTER);
        OutboundOperation appOlder = record(user, OperationKind.UPDATE, newerThere, baseThere,
                Map.of("summary", "Application's, older"), OutboxFixture.LONG_BEFORE);
        Run run = fixture.run(drain(WriteSettings.defaults()), job, user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(fixture.reread(appNewer).state()).isEqualTo(OperationState.APPLIED);
        assertThat(fixture.reread(appOlder).state()).isEqualTo(OperationState.CONFLICT);
        assertThat(googleEvent(user, newerHere)).map(CalendarEvent::summary).contains("Application's, newer");
        assertThat(googleEvent(user, newerThere)).map(CalendarEvent::summary).contains("Google's, newer");
        assertThat(fixture.outbox.conflictsOf(appOlder.id())).singleElement().satisfies(c -> {
            assertThat(c.policy()).isEqualTo(ConflictPolicy.NEWER_WINS);
            assertThat(c.reason()).contains("changed since version " + baseThere);
        });
    }

    @Test
    void an_update_of_an_event_deleted_at_google_is_a_conflict_google_won() {
        Linked user = synced();
        String id = seededEvent(user);
        Long base = seq(user, id);
        admin.deleteEvent(user.email(), user.email(), id);

        OutboundOperation op = record(user, OperationKind.UPDATE, id, base, Map.of("summary", "Too late"),
                OutboxFixture.LONG_AFTER);
        fixture.run(drain(WriteSettings.defaults().withPolicy(Source.CALENDAR, ConflictPolicy.APPLICATION_WINS)),
                job, user);

        assertThat(fixture.reread(op).state()).isEqualTo(OperationState.CONFLICT);
        assertThat(fixture.reread(op).lastError()).contains("deleted at Google");
        assertThat(fixture.outbox.conflictsOf(op.id())).singleElement().satisfies(c -> {
            assertThat(c.decision()).isEqualTo(WriteConflict.Decision.GOOGLE_WON);
            assertThat(c.reason()).contains("deleted at Google");
        });
        assertThat(fixture.column(SyncedTables.CALENDAR_EVENT, "deleted_at IS NOT NULL", user.connectionId(),
                user.email(), id)).isEqualTo("true");
    }

    @Test
    void a_create_that_reached_google_before_the_worker_died_is_not_sent_twice() throws Exception {
        Linked user = synced();
        String id = OutboxFixture.clientEventId();
        OutboundOperation op = record(user, OperationKind.CREATE, id, null,
                Map.of("summary", "Exactly once", "start", START, "end", END), Instant.now());
        // the dead worker's attempt: marked sending, accepted by Google, never marked applied
        OutboundOperation sending = fixture.outbox.markSending(op);
        new CalendarWriter(harness.clients).send(sending, Optional.empty(), null);

        CountingWriter writer = new CountingWriter(new CalendarWriter(harness.clients));

        Run run = fixture.run(fixture.drain(writer, WriteSettings.defaults()), job, user);

        OutboundOperation after = fixture.reread(op);
        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(after.state()).isEqualTo(OperationState.APPLIED);
        assertThat(writer.sends).as("found at Google by its id, not sent again").hasValue(0);
        assertThat(eventsTitled(user, "Exactly once")).isEqualTo(1);
        assertThat(seq(user, id)).isEqualTo(after.result().version());
    }

    @Test
    void a_burst_of_503s_keeps_the_operation_uncertain_then_it_is_applied_once() {
        Linked user = synced();
        String id = OutboxFixture.clientEventId();
        OutboundOperation op = record(user, OperationKind.CREATE, id, null,
                Map.of("summary", "Through the storm", "start", START, "end", END), Instant.now());
        OutboundDrain drain = drain(WriteSettings.defaults());
        admin.userFaults(user.email(), FaultPlan.errors503(1.0).onlyFor(Api.CALENDAR));
        Run failed;
        try {
            failed = fixture.run(drain, job, user);
        } finally {
            admin.userFaults(user.email(), null);
        }
        OutboundOperation retrying = fixture.reread(op);
        harness.ledger.clock.advance(Duration.ofMinutes(2));

        Run recovered = fixture.run(drain, job, user);

        assertThat(failed.error()).isInstanceOf(OutboundSendException.class);
        assertThat(failed.error().getMessage()).contains("503");
        assertThat(retrying.state()).as("it may have landed").isEqualTo(OperationState.SENDING);
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.lastError()).contains("503");
        assertThat(recovered.completed()).as("%s", recovered.error()).isTrue();
        assertThat(fixture.reread(op).state()).isEqualTo(OperationState.APPLIED);
        assertThat(fixture.reread(op).attempts()).as("the failed one, then finding out and sending").isEqualTo(2);
        assertThat(eventsTitled(user, "Through the storm")).isEqualTo(1);
    }

    @Test
    void an_operation_without_a_definite_answer_is_dead_lettered_after_the_last_attempt() {
        Linked user = synced();
        OutboundOperation op = record(user, OperationKind.CREATE, OutboxFixture.clientEventId(), null,
                Map.of("summary", "Never", "start", START, "end", END), Instant.now());
        OutboundDrain drain = drain(WriteSettings.defaults().withMaxAttempts(2));
        admin.userFaults(user.email(), FaultPlan.errors500(1.0).onlyFor(Api.CALENDAR));
        try {
            fixture.run(drain, job, user);
            harness.ledger.clock.advance(Duration.ofMinutes(2));
            fixture.run(drain, job, user);
        } finally {
            admin.userFaults(user.email(), null);
        }

        OutboundOperation after = fixture.reread(op);
        assertThat(after.state()).isEqualTo(OperationState.FAILED);
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(after.lastError()).startsWith("dead-lettered after 2 attempts").contains("500");
    }

    @Test
    void a_refused_operation_fails_alone_and_the_next_one_is_applied() {
        Linked user = synced();
        OutboundOperation invalid = record(user, OperationKind.CREATE, OutboxFixture.clientEventId(), null,
                Map.of("summary", "No times"), Instant.now());
        String id = OutboxFixture.clientEventId();
        OutboundOperation valid = record(user, OperationKind.CREATE, id, null,
                Map.of("summary", "Fine", "start", START, "end", END), Instant.now());

        Run run = fixture.run(drain(WriteSettings.defaults()), job, user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(fixture.reread(invalid).state()).isEqualTo(OperationState.FAILED);
        assertThat(fixture.reread(invalid).lastError()).contains("HTTP 400");
        assertThat(fixture.reread(valid).state()).isEqualTo(OperationState.APPLIED);
        assertThat(googleEvent(user, id)).isPresent();
    }

    @Test
    void two_changes_based_on_the_same_version_do_not_conflict_with_each_other() {
        Linked user = synced();
        String id = seededEvent(user);
        Long base = seq(user, id);

        OutboundOperation first = record(user, OperationKind.UPDATE, id, base, Map.of("summary", "First"),
                Instant.now());
        OutboundOperation second = record(user, OperationKind.UPDATE, id, base, Map.of("location", "Second"),
                Instant.now());
        Run run = fixture.run(drain(WriteSettings.defaults().withPolicy(Source.CALENDAR, ConflictPolicy.GOOGLE_WINS)),
                job, user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(fixture.reread(first).state()).isEqualTo(OperationState.APPLIED);
        assertThat(fixture.reread(second).state()).as("our own first change is no conflict")
                .isEqualTo(OperationState.APPLIED);
        assertThat(fixture.outbox.conflictsOf(second.id())).isEmpty();
        assertThat(googleEvent(user, id)).hasValueSatisfying(e -> {
            assertThat(e.summary()).isEqualTo("First");
            assertThat(e.location()).isEqualTo("Second");
        });
    }

    @Test
    void a_write_to_a_calendar_the_user_may_only_read_fails_with_googles_reason() {
        Linked user = synced();
        String readOnly = admin.addCalendar(user.email(), "Holidays", "reader").id();
        sync(user);

        OutboundOperation op = fixture.record(user, Source.CALENDAR, OperationKind.CREATE, readOnly,
                OutboxFixture.clientEventId(), null, null, Map.of("summary", "Mine", "start", START, "end", END),
                Instant.now());
        Run run = fixture.run(drain(WriteSettings.defaults()), job, user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(fixture.reread(op).state()).isEqualTo(OperationState.FAILED);
        assertThat(fixture.reread(op).lastError()).contains("403").contains("requiredAccessLevel");
        assertThat(fixture.reread(op).attempts()).as("not retried").isEqualTo(1);
    }

    @Test
    void a_rate_limited_operation_stays_pending_and_the_run_is_rate_limited() {
        Linked user = synced();
        OutboundOperation op = record(user, OperationKind.CREATE, OutboxFixture.clientEventId(), null,
                Map.of("summary", "Later", "start", START, "end", END), Instant.now());
        QuotaSettings quotas = admin.quotas();
        admin.quotas(QuotaSettings.defaults().withCalendarRequestsPerMinute(1)); // the initial sync used it up
        Run limited;
        try {
            limited = fixture.run(drain(WriteSettings.defaults()), job, user);
        } finally {
            admin.quotas(quotas);
        }

        OutboundOperation after = fixture.reread(op);
        assertThat(limited.error()).isInstanceOf(RateLimitedException.class);
        assertThat(limited.state().status()).isEqualTo(SyncStatus.RATE_LIMITED);
        assertThat(after.state()).as("certainly not applied: no landed check next time")
                .isEqualTo(OperationState.PENDING);
        assertThat(after.nextAttemptAt()).isEqualTo(((RateLimitedException) limited.error()).retryAt());
        assertThat(after.lastError()).contains("Rate");
    }

    private OutboundDrain drain(WriteSettings settings) {
        return fixture.drain(new CalendarWriter(harness.clients), settings);
    }

    private Linked synced() {
        Linked user = harness.link(users.incrementAndGet());
        Run run = sync(user);
        assertThat(run.completed()).as("%s", run.error()).isTrue();
        return user;
    }

    private Run sync(Linked user) {
        return harness.sync(job, user.key(Source.CALENDAR));
    }

    private OutboundOperation record(Linked user, OperationKind kind, String id, Long base,
                                     Map<String, Object> fields, Instant modifiedAt) {
        return fixture.record(user, Source.CALENDAR, kind, user.email(), id, null, base, fields, modifiedAt);
    }

    private Long seq(Linked user, String id) {
        return fixture.changeSeq(SyncedTables.CALENDAR_EVENT, user.connectionId(), user.email(), id);
    }

    private String seededEvent(Linked user) {
        return seededEvent(user, 0);
    }

    private String seededEvent(Linked user, int index) {
        return admin.groundTruth(user.email()).eventsByCalendar().get(user.email()).stream()
                .filter(e -> e.recurringEventId() == null && e.recurrence() == null)
                .skip(index).findFirst().orElseThrow().id();
    }

    private Optional<CalendarEvent> googleEvent(Linked user, String id) {
        return admin.groundTruth(user.email()).eventsByCalendar().get(user.email()).stream()
                .filter(e -> e.id().equals(id)).findFirst();
    }

    private long eventsTitled(Linked user, String summary) {
        return admin.groundTruth(user.email()).eventsByCalendar().get(user.email()).stream()
                .filter(e -> summary.equals(e.summary())).count();
    }
}
