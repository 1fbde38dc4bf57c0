package io.syncplane.connector.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.connector.CountingWriter;
import io.syncplane.connector.OutboxFixture;
import io.syncplane.domain.Source;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.tasks.EmulatedTask;
import io.syncplane.emulator.tasks.TaskChange;
import io.syncplane.emulator.tasks.TaskListView;
import io.syncplane.store.SyncedTables;
import io.syncplane.writeback.ConflictPolicy;
import io.syncplane.writeback.OperationKind;
import io.syncplane.writeback.OperationState;
import io.syncplane.writeback.OutboundDrain;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.WriteConflict;
import io.syncplane.writeback.WriteSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Tasks writes through the outbox, the real client and the emulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksWritesTest {

    private ConnectorHarness harness;
    private EmulatorAdmin admin;
    private OutboxFixture fixture;
    private TasksSyncJob job;
    private final AtomicInteger users = new AtomicInteger();

    @BeforeAll
    void start() {
        harness = new ConnectorHarness(b -> b.users(8).tasksPerUser(4));
        admin = harness.emulator.admin();
        fixture = new OutboxFixture(harness);
        // the emulator's clock is the real one: the connector's updatedMin must be on it
        job = new TasksSyncJob(harness.clients, harness.items, harness.sweep,
                new StoredTaskLists(harness.ledger.jdbc), Clock.systemUTC(), TasksConnectorProperties.defaults());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void create_complete_move_and_delete_land_at_google_and_in_the_feed_once() {
        Linked user = synced();
        OutboundDrain drain = drain(WriteSettings.defaults());
        String list = firstList(user);

        OutboundOperation create = fixture.record(user, Source.TASKS, OperationKind.CREATE, list, null, null, null,
                Map.of("title", "Write the report", "notes", "by Friday", "due", "2026-12-24T00:00:00.000Z"),
                Instant.now());
        Run created = fixture.run(drain, job, user);
        OutboundOperation applied = fixture.reread(create);
        String id = applied.result().itemId();
        Long afterCreate = seq(user, list, id);
        sync(user);

        assertThat(created.completed()).as("%s", created.error()).isTrue();
        assertThat(applied.state()).isEqualTo(OperationState.APPLIED);
        assertThat(applied.itemId()).as("Google's id, recorded").isEqualTo(id);
        assertThat(applied.result().version()).isEqualTo(afterCreate);
        assertThat(googleTask(user, list, id)).map(EmulatedTask::title).contains("Write the report");
        assertThat(seq(user, list, id)).as("the echo is no new feed position").isEqualTo(afterCreate);

        OutboundOperation complete = fixture.record(user, Source.TASKS, OperationKind.UPDATE, list, id, null,
                afterCreate, Map.of("status", "completed"), Instant.now());
        fixture.run(drain, job, user);
        Long afterComplete = seq(user, list, id);
        sync(user);

        assertThat(fixture.reread(complete).state()).isEqualTo(OperationState.APPLIED);
        assertThat(googleTask(user, list, id)).map(EmulatedTask::status).contains("completed");
        assertThat(fixture.column(SyncedTables.TASK, "status", user.connectionId(), list, id))
                .isEqualTo("completed");
        assertThat(afterComplete).isGreaterThan(afterCreate).isEqualTo(fixture.reread(complete).result().version());
        assertThat(seq(user, list, id)).isEqualTo(afterComplete);

        String other = admin.addTaskList(user.email(), "Elsewhere").id();
        OutboundOperation move = fixture.record(user, Source.TASKS, OperationKind.UPDATE, list, id, other,
                afterComplete, Map.of(), Instant.now());
        Run moved = fixture.run(drain, job, user);
        Long inOther = seq(user, other, id);

        assertThat(moved.completed()).as("%s", moved.error()).isTrue();
        assertThat(fixture.reread(move).state()).isEqualTo(OperationState.APPLIED);
        assertThat(googleTask(user, other, id)).isPresent();
        assertThat(googleTask(user, list, id)).isEmpty();
        assertThat(fixture.column(SyncedTables.TASK, "deleted_at IS NOT NULL", user.connectionId(), list, id))
                .as("the old list's row is retired").isEqualTo("true");
        assertThat(inOther).isEqualTo(fixture.reread(move).result().version());

        OutboundOperation delete = fixture.record(user, Source.TASKS, OperationKind.DELETE, other, id, null,
                inOther, Map.of(), Instant.now());
        fixture.run(drain, job, user);
        Long afterDelete = seq(user, other, id);
        sync(user);

        assertThat(fixture.reread(delete).state()).isEqualTo(OperationState.APPLIED);
        assertThat(googleTask(user, other, id)).isEmpty();
        assertThat(fixture.column(SyncedTables.TASK, "deleted_at IS NOT NULL", user.connectionId(), other, id))
                .isEqualTo("true");
        assertThat(seq(user, other, id)).isEqualTo(afterDelete);
    }

    @Test
    void a_task_changed_at_google_is_a_conflict_and_google_wins_by_policy() {
        Linked user = synced();
        String list = firstList(user);
        EmulatedTask task = admin.groundTruth(user.email()).taskLists().get(0).tasks().get(0);
        Long base = seq(user, list, task.id());
        admin.updateTask(user.email(), list, task.id(), TaskChange.title("Google's"));

        OutboundOperation op = fixture.record(user, Source.TASKS, OperationKind.UPDATE, list, task.id(), null, base,
                Map.of("title", "Application's"), OutboxFixture.LONG_AFTER);
        fixture.run(drain(WriteSettings.defaults().withPolicy(Source.TASKS, ConflictPolicy.GOOGLE_WINS)), job, user);

        assertThat(fixture.reread(op).state()).isEqualTo(OperationState.CONFLICT);
        assertThat(fixture.outbox.conflictsOf(op.id())).singleElement()
                .extracting(WriteConflict::decision).isEqualTo(WriteConflict.Decision.GOOGLE_WON);
        assertThat(googleTask(user, list, task.id())).map(EmulatedTask::title).contains("Google's");
        assertThat(fixture.column(SyncedTables.TASK, "title", user.connectionId(), list, task.id()))
                .isEqualTo("Google's");
    }

    @Test
    void a_create_that_reached_google_before_the_worker_died_is_recognised_by_its_content() throws Exception {
        Linked user = synced();
        String list = firstList(user);
        OutboundOperation op = fixture.record(user, Source.TASKS, OperationKind.CREATE, list, null, null, null,
                Map.of("title", "Only one of me", "notes", "n"), Instant.now());
        new TasksWriter(harness.clients).send(fixture.outbox.markSending(op), Optional.empty(), null);
        CountingWriter writer = new CountingWriter(new TasksWriter(harness.clients));

        Run run = fixture.run(fixture.drain(writer, WriteSettings.defaults()), job, user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(fixture.reread(op).state()).isEqualTo(OperationState.APPLIED);
        assertThat(writer.sends).as("found, not sent again").hasValue(0);
        assertThat(admin.groundTruth(user.email()).taskLists().stream().flatMap(l -> l.tasks().stream())
                .filter(t -> t.title().equals("Only one of me")).count()).isEqualTo(1);
    }

    @Test
    void a_create_into_the_default_list_is_stored_under_the_lists_real_id() {
        Linked user = synced();

        OutboundOperation op = fixture.record(user, Source.TASKS, OperationKind.CREATE, "@default", null, null,
                null, Map.of("title", "Into the default list"), Instant.now());
        Run run = fixture.run(drain(WriteSettings.defaults()), job, user);

        String id = fixture.reread(op).result().itemId();
        String storedList = harness.ledger.jdbc.sql("SELECT tasklist_id FROM task WHERE connection_id = ? "
                + "AND task_id = ?").params(user.connectionId(), id).query(String.class).single();
        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(storedList).isNotEqualTo("@default");
        assertThat(googleTask(user, storedList, id)).map(EmulatedTask::title).contains("Into the default list");
    }

    private OutboundDrain drain(WriteSettings settings) {
        return fixture.drain(new TasksWriter(harness.clients), settings);
    }

    private Linked synced() {
        Linked user = harness.link(users.incrementAndGet());
        Run run = sync(user);
        assertThat(run.completed()).as("%s", run.error()).isTrue();
        return user;
    }

    private Run sync(Linked user) {
        return harness.sync(job, user.key(Source.TASKS));
    }

    private String firstList(Linked user) {
        return admin.groundTruth(user.email()).taskLists().get(0).id();
    }

    private Long seq(Linked user, String list, String id) {
        return fixture.changeSeq(SyncedTables.TASK, user.connectionId(), list, id);
    }

    private Optional<EmulatedTask> googleTask(Linked user, String list, String id) {
        return admin.groundTruth(user.email()).taskLists().stream().filter(l -> l.id().equals(list))
                .map(TaskListView::tasks).flatMap(java.util.List::stream).filter(t -> t.id().equals(id)).findFirst();
    }
}
