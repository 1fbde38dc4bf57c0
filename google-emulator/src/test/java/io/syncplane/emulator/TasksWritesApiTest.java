package io.syncplane.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.model.Task;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.oauth.Scopes;
import io.syncplane.emulator.tasks.EmulatedTask;
import io.syncplane.emulator.tasks.TaskListView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;

/** tasks.insert / patch / update / delete / move through the real Tasks client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksWritesApiTest {

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(5).seed(8).tasksPerUser(6).clock(clock).quotasEnabled(false)
                .start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void insertPatchUpdateDeleteOnDefaultAreSeenByUpdatedMinFromBefore() throws IOException {
        String email = emulator.admin().email(1);
        Tasks tasks = clients.tasks(email);
        String defaultId = tasks.tasklists().get("@default").execute().getId();
        assertThat(defaultId).isEqualTo(emulator.admin().groundTruth(email).taskLists().get(0).id());
        clock.advance(Duration.ofMinutes(1));
        DateTime since = new DateTime(clock.millis());

        Task inserted = tasks.tasks().insert("@default", new Task().setTitle("Call the bank").setNotes("before 5")
                .setDue("2026-03-05T00:00:00.000Z")).execute();
        assertThat(inserted.getId()).isNotBlank();
        assertThat(inserted.getStatus()).isEqualTo("needsAction");
        assertThat(inserted.getCompleted()).isNull();
        assertThat(inserted.getUpdated()).isEqualTo(new DateTime(clock.millis()).toStringRfc3339());
        assertThat(inserted.getDue()).isEqualTo("2026-03-05T00:00:00.000Z");
        List<Task> listed = tasks.tasks().list("@default").execute().getItems();
        assertThat(listed.get(0).getId()).as("without previous a new task goes first").isEqualTo(inserted.getId());

        clock.advance(Duration.ofSeconds(1));
        Task completed = tasks.tasks().patch("@default", inserted.getId(), new Task().setStatus("completed"))
                .execute();
        assertThat(completed.getStatus()).isEqualTo("completed");
        assertThat(completed.getCompleted()).isEqualTo(new DateTime(clock.millis()).toStringRfc3339());
        assertThat(completed.getNotes()).isEqualTo("before 5");
        assertThat(completed.getEtag()).isNotEqualTo(inserted.getEtag());

        clock.advance(Duration.ofSeconds(1));
        Task reopened = tasks.tasks().patch("@default", inserted.getId(), new Task().setStatus("needsAction"))
                .execute();
        assertThat(reopened.getCompleted()).isNull();

        Task replaced = tasks.tasks().update("@default", inserted.getId(), new Task().setId(inserted.getId())
                .setTitle("Call the bank again")).execute();
        assertThat(replaced.getTitle()).isEqualTo("Call the bank again");
        assertThat(replaced.getNotes()).as("update replaces").isNull();
        assertThat(replaced.getDue()).isNull();

        EmulatedTask seeded = emulator.admin().groundTruth(email).taskLists().get(0).tasks().stream()
                .filter(t -> !t.id().equals(inserted.getId()) && !t.hidden()).findFirst().orElseThrow();
        tasks.tasks().delete("@default", seeded.id()).execute();

        List<Task> changed = tasks.tasks().list(defaultId).setUpdatedMin(since.toStringRfc3339())
                .setShowDeleted(true).setShowHidden(true).execute().getItems();
        assertThat(changed).extracting(Task::getId).containsExactlyInAnyOrder(inserted.getId(), seeded.id());
        assertThat(changed).filteredOn(t -> t.getId().equals(seeded.id())).singleElement()
                .satisfies(t -> assertThat(t.getDeleted()).isTrue());
        assertThat(tasks.tasks().get("@default", inserted.getId()).execute().getTitle())
                .isEqualTo("Call the bank again");
        assertThat(catchGoogle(() -> tasks.tasks().delete("@default", seeded.id()).execute()).getStatusCode())
                .isEqualTo(404);
        // the admin ground truth reflects the writes
        assertThat(emulator.admin().groundTruth(email).taskLists().get(0).tasks()).extracting(EmulatedTask::id)
                .contains(inserted.getId()).doesNotContain(seeded.id());
    }

    @Test
    void subtasksAndPreviousPlaceTasks() throws IOException {
        String email = emulator.admin().email(2);
        Tasks tasks = clients.tasks(email);
        Task parent = tasks.tasks().insert("@default", new Task().setTitle("Trip")).execute();
        Task first = tasks.tasks().insert("@default", new Task().setTitle("Book flights")).setParent(parent.getId())
                .execute();
        Task second = tasks.tasks().insert("@default", new Task().setTitle("Book hotel")).setParent(parent.getId())
                .setPrevious(first.getId()).execute();
        assertThat(second.getParent()).isEqualTo(parent.getId());
        List<String> order = tasks.tasks().list("@default").execute().getItems().stream().map(Task::getId).toList();
        assertThat(order.subList(0, 3)).containsExactly(parent.getId(), first.getId(), second.getId());
        assertThat(first.getPosition()).isNotNull();
        GoogleJsonResponseException e = catchGoogle(() -> tasks.tasks().insert("@default", new Task().setTitle("x"))
                .setPrevious("no-such-task").execute());
        assertThat(e.getStatusCode()).isEqualTo(400);
    }

    @Test
    void moveToAnotherListLeavesATombstoneInTheOldOne() throws IOException {
        String email = emulator.admin().email(3);
        Tasks tasks = clients.tasks(email);
        TaskListView other = emulator.admin().addTaskList(email, "Errands");
        String defaultId = tasks.tasklists().get("@default").execute().getId();
        Task task = tasks.tasks().insert("@default", new Task().setTitle("Post a letter")).execute();
        clock.advance(Duration.ofMinutes(1));
        String since = new DateTime(clock.millis()).toStringRfc3339();

        Task moved = tasks.tasks().move("@default", task.getId()).setDestinationTasklist(other.id()).execute();
        assertThat(moved.getId()).isEqualTo(task.getId());
        assertThat(moved.getSelfLink()).contains("/lists/" + other.id() + "/");

        List<Task> oldChanges = tasks.tasks().list(defaultId).setUpdatedMin(since).setShowDeleted(true)
                .setShowHidden(true).execute().getItems();
        assertThat(oldChanges).singleElement().satisfies(t -> {
            assertThat(t.getId()).isEqualTo(task.getId());
            assertThat(t.getDeleted()).isTrue();
        });
        List<Task> newChanges = tasks.tasks().list(other.id()).setUpdatedMin(since).setShowDeleted(true)
                .setShowHidden(true).execute().getItems();
        assertThat(newChanges).singleElement().satisfies(t -> {
            assertThat(t.getId()).isEqualTo(task.getId());
            assertThat(t.getDeleted()).isNull();
            assertThat(t.getTitle()).isEqualTo("Post a letter");
        });
        assertThat(tasks.tasks().list(defaultId).execute().getItems()).extracting(Task::getId)
                .doesNotContain(task.getId());

        Task back = tasks.tasks().move(other.id(), task.getId()).setDestinationTasklist(defaultId).execute();
        assertThat(back.getDeleted()).isNull();
        assertThat(tasks.tasks().list("@default").execute().getItems().get(0).getId()).isEqualTo(task.getId());
    }

    @Test
    void staleIfMatchIs412() throws IOException {
        String email = emulator.admin().email(4);
        Tasks tasks = clients.tasks(email);
        Task task = tasks.tasks().insert("@default", new Task().setTitle("Guarded")).execute();
        Task current = tasks.tasks().patch("@default", task.getId(), new Task().setTitle("Newer")).execute();

        Tasks.TasksOperations.Patch stale = tasks.tasks().patch("@default", task.getId(),
                new Task().setTitle("Lost update"));
        stale.getRequestHeaders().setIfMatch(task.getEtag());
        GoogleJsonResponseException e = catchGoogle(stale::execute);
        assertThat(e.getStatusCode()).isEqualTo(412);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("conditionNotMet");
        Tasks.TasksOperations.Delete staleDelete = tasks.tasks().delete("@default", task.getId());
        staleDelete.getRequestHeaders().setIfMatch(task.getEtag());
        assertThat(catchGoogle(staleDelete::execute).getStatusCode()).isEqualTo(412);
        assertThat(tasks.tasks().get("@default", task.getId()).execute().getTitle()).isEqualTo("Newer");

        Tasks.TasksOperations.Patch fresh = tasks.tasks().patch("@default", task.getId(),
                new Task().setTitle("Fresh"));
        fresh.getRequestHeaders().setIfMatch(current.getEtag());
        assertThat(fresh.execute().getTitle()).isEqualTo("Fresh");
    }

    @Test
    void aReadOnlyTokenGets403AndWritesCountAsRequests() throws IOException {
        String email = emulator.admin().email(5);
        Tasks readOnly = clients.tasks(EmulatorClients.bearer(
                emulator.admin().accessToken(email, Scopes.READ_ONLY.values())));
        assertThat(readOnly.tasks().list("@default").execute().getItems()).isNotEmpty();
        GoogleJsonResponseException e = catchGoogle(() -> readOnly.tasks().insert("@default",
                new Task().setTitle("no")).execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
        assertThat(e.getDetails().get("status")).isEqualTo("PERMISSION_DENIED");

        Tasks writer = clients.tasks(EmulatorClients.bearer(emulator.admin().accessToken(email,
                List.of("https://www.googleapis.com/auth/tasks"))));
        long before = emulator.admin().requestCounts(email, Api.TASKS).requests();
        writer.tasks().insert("@default", new Task().setTitle("yes")).execute();
        assertThat(emulator.admin().requestCounts(email, Api.TASKS).requests()).isEqualTo(before + 1);
    }
}
