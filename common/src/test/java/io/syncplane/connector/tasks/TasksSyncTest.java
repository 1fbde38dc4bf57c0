package io.syncplane.connector.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.contacts.AlteredAnswers;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncMode;
import io.syncplane.emulator.SettableClock;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.tasks.NewTask;
import io.syncplane.emulator.tasks.TaskChange;
import io.syncplane.emulator.tasks.TaskListView;
import io.syncplane.google.GoogleClients;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncRun;
import io.syncplane.ledger.SyncRunOutcome;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncStoppedException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Tasks connector against the emulator's Tasks API and real Postgres. Every test links a user of its own. Google's
 * clock is a {@link SettableClock} the tests move; unless a test says otherwise our clock is the same clock. Pages of
 * 4 tasks and of 1 task list exercise paging everywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksSyncTest {

    private static final int PAGE = 4;
    private static final Duration SKEW = Duration.ofMinutes(3);

    private final SettableClock google = SettableClock.at("2026-03-01T09:00:00Z");
    private final ConnectorHarness harness = new ConnectorHarness(b -> b.users(16).tasksPerUser(25).clock(google));
    private final AtomicInteger users = new AtomicInteger();
    private final TasksSyncJob job = job(google, settings());

    private ConnectorHarness.Linked user;
    private StoredTasks stored;

    @BeforeEach
    void linkAUserOfItsOwn() {
        user = harness.link(users.incrementAndGet());
        stored = new StoredTasks(harness, user);
    }

    @AfterAll
    void close() {
        harness.close();
    }

    @Test
    void a_full_sync_copies_every_task_of_every_list_hidden_and_completed_ones_included() {
        TaskListView errands = admin().addTaskList(user.email(), "Errands");
        admin().addTask(user.email(), errands.id(), new NewTask("Buy stamps", null, LocalDate.of(2026, 3, 4)));
        String hidden = admin().addTask(user.email(), errands.id(), NewTask.of("Old chore")).id();
        admin().updateTask(user.email(), errands.id(), hidden, new TaskChange(null, null, null, true, true));
        String startedAt = google.instant().toString();

        ConnectorHarness.Run run = sync();

        assertThat(run.completed()).isTrue();
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
        assertThat(stored.live().get(new TaskRow.Key(errands.id(), hidden)))
                .isEqualTo(new TaskRow("Old chore", "completed", null, true));
        assertThat(lastRun().mode()).isEqualTo(SyncMode.FULL);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(stored.groundTruth().size(), 0, 0));
        assertThat(run.state().cursor()).as("the time the run started, RFC 3339").isEqualTo(startedAt);
    }

    @Test
    void an_incremental_sync_applies_additions_updates_completions_hiding_and_deletions() {
        sync();
        google.advance(Duration.ofMinutes(10));
        List<StoredTasks.Located> open = stored.openTasks();
        admin().addTask(user.email(), open.get(0).listId(), NewTask.of("Call the plumber"));
        admin().updateTask(user.email(), open.get(0).listId(), open.get(0).task().id(), TaskChange.title("Renamed"));
        admin().updateTask(user.email(), open.get(1).listId(), open.get(1).task().id(), TaskChange.complete());
        admin().updateTask(user.email(), open.get(2).listId(), open.get(2).task().id(),
                new TaskChange(null, null, null, null, true));
        admin().deleteTask(user.email(), open.get(3).listId(), open.get(3).task().id());
        google.advance(Duration.ofMinutes(1));

        ConnectorHarness.Run run = sync();

        assertThat(run.completed()).isTrue();
        assertThat(lastRun().mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(1, 3, 1));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
        assertThat(stored.live().get(open.get(2).key()).hidden()).isTrue();
        assertThat(stored.tombstoned()).containsExactly(open.get(3).key());
        assertThat(run.state().cursor()).isEqualTo(google.instant().toString());
    }

    /*
     * Our clock runs three minutes ahead of Google's. The first sync's cursor (our time at its start) is thus three
     * minutes in Google's future, and a change Google stamps one minute after that sync lies before the cursor.
     */
    @Test
    void a_change_google_stamped_just_before_our_cursor_is_caught_by_the_overlap_despite_clock_skew() {
        TasksSyncJob aheadOfGoogle = job(Clock.offset(google, SKEW), settings());
        harness.sync(aheadOfGoogle, key());
        google.advance(Duration.ofMinutes(1));
        StoredTasks.Located changed = stored.openTasks().get(0);
        admin().updateTask(user.email(), changed.listId(), changed.task().id(),
                TaskChange.title("Changed a minute after the sync"));

        harness.sync(aheadOfGoogle, key());

        assertThat(stored.live().get(changed.key()).title()).isEqualTo("Changed a minute after the sync");
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(0, 1, 0));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void without_an_overlap_the_same_skewed_change_would_be_lost_which_is_what_the_overlap_is_for() {
        TasksSyncJob noOverlap = job(Clock.offset(google, SKEW), settings().withOverlap(Duration.ZERO));
        harness.sync(noOverlap, key());
        google.advance(Duration.ofMinutes(1));
        StoredTasks.Located changed = stored.openTasks().get(0);
        admin().updateTask(user.email(), changed.listId(), changed.task().id(),
                TaskChange.title("Changed a minute after the sync"));

        harness.sync(noOverlap, key());

        assertThat(stored.live().get(changed.key()).title()).isEqualTo(changed.task().title());
    }

    @Test
    void a_cursor_older_than_the_horizon_is_answered_with_a_full_resync_that_tombstones_only_what_is_gone() {
        sync();
        List<StoredTasks.Located> open = stored.openTasks();
        admin().deleteTask(user.email(), open.get(0).listId(), open.get(0).task().id());
        admin().deleteTask(user.email(), open.get(1).listId(), open.get(1).task().id());
        admin().updateTask(user.email(), open.get(2).listId(), open.get(2).task().id(), TaskChange.title("Later"));
        google.advance(Duration.ofDays(21));

        ConnectorHarness.Run run = sync();

        assertThat(run.completed()).isTrue();
        assertThat(lastRun().mode()).isEqualTo(SyncMode.FULL);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(0, 1, 2));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
        assertThat(stored.tombstoned()).containsExactlyInAnyOrder(open.get(0).key(), open.get(1).key());
        assertThat(run.state().lastError()).isNull();
    }

    @Test
    void a_sync_stopped_mid_list_resumes_in_that_list_without_reading_or_writing_anything_twice() {
        String first = tenMoreTasksInTheFirstList();
        AtomicInteger betweenPages = new AtomicInteger();
        String startedAt = google.instant().toString();

        ConnectorHarness.Run stopped = sync(() -> betweenPages.incrementAndGet() > 2);

        assertThat(stopped.error()).isInstanceOf(SyncStoppedException.class);
        assertThat(stopped.state().checkpoint().phase()).isEqualTo("full:" + first);
        assertThat(stopped.state().checkpoint().pageToken()).isNotNull();
        assertThat(stopped.state().checkpoint().pendingCursor()).isEqualTo(startedAt);
        assertThat(stopped.state().checkpoint().counts()).as("progress: items done so far")
                .isEqualTo(new SyncCounts(2 * PAGE, 0, 0));
        assertThat(stored.live()).hasSize(2 * PAGE);
        long beforeResume = tasksRequests();
        google.advance(Duration.ofMinutes(2));

        ConnectorHarness.Run resumed = sync();

        assertThat(resumed.completed()).isTrue();
        assertThat(tasksRequests() - beforeResume).as("the lists again, then only the pages not yet committed")
                .isEqualTo(listCount() + fullSyncPages() - 2);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(stored.groundTruth().size(), 0, 0));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
        assertThat(resumed.state().cursor()).as("the first attempt's start, not the resumed one's")
                .isEqualTo(startedAt);
    }

    @Test
    void an_incremental_sync_stopped_mid_list_resumes_with_the_same_window() {
        sync();
        google.advance(Duration.ofMinutes(10));
        String first = stored.lists().get(0).id();
        for (int i = 0; i < 9; i++) {
            admin().addTask(user.email(), first, NewTask.of("New task " + i));
        }
        AtomicInteger betweenPages = new AtomicInteger();
        ConnectorHarness.Run stopped = sync(() -> betweenPages.incrementAndGet() > 1);
        assertThat(stopped.state().checkpoint().phase()).isEqualTo("changes:" + first);
        long beforeResume = tasksRequests();

        ConnectorHarness.Run resumed = sync();

        assertThat(resumed.completed()).isTrue();
        assertThat(tasksRequests() - beforeResume).as("the lists, two more pages of the first, one of each other")
                .isEqualTo(listCount() + 2 + (listCount() - 1));
        assertThat(lastRun().mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(9, 0, 0));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void a_connection_dropped_mid_sync_fails_the_run_and_the_retry_resumes_from_the_checkpoint() {
        tenMoreTasksInTheFirstList();
        AtomicInteger betweenPages = new AtomicInteger();

        ConnectorHarness.Run failed = sync(() -> {
            if (betweenPages.incrementAndGet() == 3) {
                admin().userFaults(user.email(), FaultPlan.drops(1.0).onlyFor(Api.TASKS));
            }
            return false;
        });

        assertThat(failed.state().status()).isEqualTo(SyncStatus.ERROR);
        assertThat(failed.error()).isInstanceOf(java.io.IOException.class);
        assertThat(stored.live()).hasSize(2 * PAGE);

        admin().userFaults(user.email(), null);
        long beforeRetry = tasksRequests();
        ConnectorHarness.Run retried = sync();

        assertThat(retried.completed()).isTrue();
        assertThat(tasksRequests() - beforeRetry).isEqualTo(listCount() + fullSyncPages() - 2);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(stored.groundTruth().size(), 0, 0));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void a_google_backend_error_fails_the_run_for_backoff_and_keeps_the_checkpoint() {
        tenMoreTasksInTheFirstList();
        AtomicInteger betweenPages = new AtomicInteger();

        ConnectorHarness.Run failed = sync(() -> {
            if (betweenPages.incrementAndGet() == 3) {
                admin().userFaults(user.email(), FaultPlan.errors500(1.0).onlyFor(Api.TASKS));
            }
            return false;
        });

        assertThat(failed.state().status()).as("a failure for the worker's backoff, not a rate limit")
                .isEqualTo(SyncStatus.ERROR);
        assertThat(failed.state().consecutiveErrors()).isEqualTo(1);
        assertThat(failed.state().lastError()).contains("500").contains("backendError");
        assertThat(failed.state().checkpoint().counts()).isEqualTo(new SyncCounts(2 * PAGE, 0, 0));

        admin().userFaults(user.email(), null);
        assertThat(sync().completed()).isTrue();
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void a_page_token_google_no_longer_accepts_rereads_that_list_instead_of_failing_forever() {
        tenMoreTasksInTheFirstList();
        AtomicInteger betweenPages = new AtomicInteger();
        sync(() -> betweenPages.incrementAndGet() > 2);
        harness.ledger.jdbc.sql("UPDATE sync_state SET checkpoint_page_token = 'TP.stale' WHERE connection_id = ?"
                + " AND source = 'tasks'").param(user.connectionId()).update();

        ConnectorHarness.Run resumed = sync();

        assertThat(resumed.completed()).isTrue();
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(stored.groundTruth().size(), 0, 0));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
        assertThat(stored.tombstoned()).isEmpty();
    }

    @Test
    void a_task_list_gone_at_google_turns_the_sync_into_a_full_one_whose_sweep_tombstones_its_tasks() {
        sync();
        // What our copy looks like when a list we synced earlier has since been deleted at Google.
        List<SyncedItem> ofAVanishedList = List.of(
                SyncedItem.live(List.of("vanished-list", "t1"), Map.of("title", "Gone 1"), "{\"id\":\"t1\"}"),
                SyncedItem.live(List.of("vanished-list", "t2"), Map.of("title", "Gone 2"), "{\"id\":\"t2\"}"));
        harness.ledger.transactions.executeWithoutResult(tx ->
                harness.items.write(SyncedTables.TASK, user.connectionId(), ofAVanishedList, null));

        ConnectorHarness.Run run = sync();

        assertThat(run.completed()).isTrue();
        assertThat(lastRun().mode()).isEqualTo(SyncMode.FULL);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(0, 0, 2));
        assertThat(stored.tombstoned()).containsExactlyInAnyOrder(new TaskRow.Key("vanished-list", "t1"),
                new TaskRow.Key("vanished-list", "t2"));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void the_safety_valve_keeps_the_data_when_a_resync_would_delete_nearly_everything_until_an_operator_forces_it() {
        sync();
        int before = stored.live().size();
        List<StoredTasks.Located> everyTask = stored.lists().stream()
                .flatMap(list -> list.tasks().stream().map(task -> new StoredTasks.Located(list.id(), task)))
                .toList();
        everyTask.subList(1, everyTask.size())
                .forEach(t -> admin().deleteTask(user.email(), t.listId(), t.task().id()));
        google.advance(Duration.ofDays(21));

        ConnectorHarness.Run held = sync();

        assertThat(held.completed()).isTrue();
        assertThat(held.state().lastError()).contains("safety valve")
                .contains((before - 1) + " of " + before);
        assertThat(stored.live()).hasSize(before);
        assertThat(stored.tombstoned()).isEmpty();

        harness.ledger.states.forceFullResync(harness.state(user, Source.TASKS), "operator: the user did it");
        ConnectorHarness.Run forced = sync();

        assertThat(forced.completed()).isTrue();
        assertThat(forced.state().lastError()).isNull();
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(0, 0, before - 1));
        assertThat(stored.live()).isEqualTo(stored.groundTruth()).hasSize(1);
    }

    @Test
    void a_malformed_task_is_skipped_and_named_in_the_runs_warning_while_the_rest_syncs() {
        AtomicReference<TaskRow.Key> broken = new AtomicReference<>();
        String first = stored.lists().get(0).id();
        GoogleClients altered = AlteredAnswers.clients(harness, AlteredAnswers.firstBody("/tasks?", page -> {
            JsonObject task = page.getAsJsonArray("items").get(0).getAsJsonObject();
            task.addProperty("due", "next tuesday");
            broken.set(new TaskRow.Key(first, task.get("id").getAsString()));
        }));
        TasksSyncJob reading = new TasksSyncJob(altered, harness.items, harness.sweep,
                new StoredTaskLists(harness.ledger.jdbc), google, settings());

        ConnectorHarness.Run run = harness.sync(reading, key());

        assertThat(run.completed()).isTrue();
        Map<TaskRow.Key, TaskRow> everyOther = stored.groundTruth();
        everyOther.remove(broken.get());
        assertThat(stored.live()).isEqualTo(everyOther);
        assertThat(run.state().lastError()).isEqualTo("skipped 1 malformed task: " + broken.get().listId() + "/"
                + broken.get().taskId() + " (due is not an RFC 3339 timestamp: \"next tuesday\")");
    }

    @Test
    void a_task_google_now_sends_malformed_counts_as_seen_by_a_full_sync_so_its_stored_copy_stays_as_it_was() {
        assertThat(sync().completed()).isTrue();
        TaskListView list = stored.lists().get(0);
        TaskRow.Key poisoned = new TaskRow.Key(list.id(), list.tasks().get(0).id());
        Map<TaskRow.Key, TaskRow> before = stored.live();
        admin().updateTask(user.email(), poisoned.listId(), poisoned.taskId(), TaskChange.title("nul \u0000 here"));
        harness.ledger.states.forceFullResync(harness.state(user, Source.TASKS), "operator");

        ConnectorHarness.Run resync = sync();

        assertThat(resync.completed()).as("%s", resync.error()).isTrue();
        assertThat(lastRun().mode()).isEqualTo(SyncMode.FULL);
        assertThat(stored.tombstoned()).as("Google still has it: even a forced sweep spares it").isEmpty();
        assertThat(stored.live()).isEqualTo(before);
        assertThat(resync.state().lastError()).isEqualTo("skipped 1 malformed task: " + poisoned.listId() + "/"
                + poisoned.taskId() + " (contains NUL characters, which Postgres cannot store)");
    }

    @Test
    void a_task_skipped_before_a_worker_died_is_reported_by_the_attempt_that_completes_the_full_sync() {
        TaskListView list = stored.lists().get(0);
        TaskRow.Key poisoned = new TaskRow.Key(list.id(), list.tasks().get(0).id());
        admin().updateTask(user.email(), poisoned.listId(), poisoned.taskId(), TaskChange.title("nul \u0000 here"));

        SyncState recovered = harness.killedAndRecovered(job, key(), () -> {
            SyncCheckpoint committed = harness.state(user, Source.TASKS).checkpoint();
            return committed != null && !committed.skipped().isEmpty();
        });

        assertThat(lastRun().outcome()).isEqualTo(SyncRunOutcome.INTERRUPTED);
        assertThat(recovered.checkpoint().skipped().count()).isEqualTo(1);
        ConnectorHarness.Run resumed = sync();

        assertThat(resumed.completed()).as("%s", resumed.error()).isTrue();
        String warning = "skipped 1 malformed task: " + poisoned.listId() + "/" + poisoned.taskId() + " (contains NUL characters, which Postgres cannot store)";
        assertThat(resumed.state().lastError()).isEqualTo(warning);
        assertThat(lastRun().error()).isEqualTo(warning);
        assertThat(lastRun().examined()).as("every task was examined once, across both attempts")
                .isEqualTo(stored.groundTruth().size());
    }

    /** Makes the first list (by id) long enough that the first two pages of a full sync are both in it. */
    private String tenMoreTasksInTheFirstList() {
        String first = stored.lists().get(0).id();
        for (int i = 0; i < 10; i++) {
            admin().addTask(user.email(), first, NewTask.of("Extra task " + i));
        }
        return first;
    }

    /** Pages an uninterrupted full sync reads: at least one per list. */
    private int fullSyncPages() {
        return stored.lists().stream().mapToInt(list -> Math.max(1, (list.tasks().size() + PAGE - 1) / PAGE)).sum();
    }

    /** Task lists come one per page: one request each. */
    private int listCount() {
        return stored.lists().size();
    }

    private TasksSyncJob job(Clock clock, TasksConnectorProperties properties) {
        return new TasksSyncJob(harness.clients, harness.items, harness.sweep,
                new StoredTaskLists(harness.ledger.jdbc), clock, properties);
    }

    private static TasksConnectorProperties settings() {
        return TasksConnectorProperties.defaults().withPageSizes(PAGE, 1);
    }

    private ConnectorHarness.Run sync() {
        return harness.sync(job, key());
    }

    private ConnectorHarness.Run sync(BooleanSupplier stopRequested) {
        return harness.sync(job, key(), stopRequested);
    }

    private io.syncplane.domain.SyncKey key() {
        return user.key(Source.TASKS);
    }

    private SyncRun lastRun() {
        return harness.ledger.runs.recent(key(), 1).get(0);
    }

    private long tasksRequests() {
        return admin().requestCounts(user.email(), Api.TASKS).requests();
    }

    private EmulatorAdmin admin() {
        return harness.emulator.admin();
    }
}
