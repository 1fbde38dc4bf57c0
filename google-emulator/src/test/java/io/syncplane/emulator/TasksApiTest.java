package io.syncplane.emulator;

import com.google.api.client.util.DateTime;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.model.Task;
import com.google.api.services.tasks.model.TaskList;
import io.syncplane.emulator.tasks.EmulatedTask;
import io.syncplane.emulator.tasks.NewTask;
import io.syncplane.emulator.tasks.TaskChange;
import io.syncplane.emulator.tasks.TaskListView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksApiTest {

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(3).seed(5).tasksPerUser(60).clock(clock).quotasEnabled(false)
                .start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void listsAndPagesOfTasksWithHiddenAndDeletedOnlyOnRequest() throws IOException {
        String email = emulator.admin().email(1);
        Tasks tasks = clients.tasks(email);
        List<TaskList> lists = tasks.tasklists().list().execute().getItems();
        List<TaskListView> truth = emulator.admin().groundTruth(email).taskLists();
        assertThat(lists).extracting(TaskList::getId).containsExactlyElementsOf(
                truth.stream().map(TaskListView::id).toList());
        for (TaskListView list : truth) {
            List<Task> everything = listAll(tasks, list.id(), true, true);
            assertThat(everything).extracting(Task::getId).containsExactlyElementsOf(
                    list.tasks().stream().map(EmulatedTask::id).toList());
            List<Task> visible = listAll(tasks, list.id(), false, false);
            assertThat(visible).extracting(Task::getId).containsExactlyElementsOf(
                    list.tasks().stream().filter(t -> !t.hidden()).map(EmulatedTask::id).toList());
        }
    }

    @Test
    void updatedMinWithShowDeletedSeesEveryChange() throws IOException {
        String email = emulator.admin().email(2);
        Tasks tasks = clients.tasks(email);
        TaskListView list = emulator.admin().groundTruth(email).taskLists().get(0);
        clock.advance(Duration.ofMinutes(1));
        DateTime since = new DateTime(clock.millis());
        EmulatedTask added = emulator.admin().addTask(email, list.id(), NewTask.of("Water the plants"));
        EmulatedTask open = list.tasks().stream().filter(t -> !t.done()).findFirst().orElseThrow();
        emulator.admin().updateTask(email, list.id(), open.id(), TaskChange.complete());
        EmulatedTask gone = list.tasks().stream().filter(t -> !t.id().equals(open.id())).findFirst().orElseThrow();
        emulator.admin().deleteTask(email, list.id(), gone.id());

        List<Task> changed = tasks.tasks().list(list.id()).setUpdatedMin(since.toStringRfc3339())
                .setShowDeleted(true).setShowHidden(true).execute().getItems();
        assertThat(changed).extracting(Task::getId).containsExactlyInAnyOrder(added.id(), open.id(), gone.id());
        assertThat(changed.stream().filter(t -> t.getId().equals(gone.id())).findFirst().orElseThrow().getDeleted())
                .isTrue();
        assertThat(changed.stream().filter(t -> t.getId().equals(open.id())).findFirst().orElseThrow().getStatus())
                .isEqualTo("completed");
        assertThat(tasks.tasks().list(list.id()).setUpdatedMin(since.toStringRfc3339()).execute().getItems())
                .extracting(Task::getId).doesNotContain(gone.id());
        assertThat(tasks.tasks().list("@default").setUpdatedMin(since.toStringRfc3339()).setShowDeleted(true)
                .setShowHidden(true).execute().getItems()).hasSize(3);
    }

    @Test
    void badInputIsGoogleShaped() throws IOException {
        String email = emulator.admin().email(3);
        assertThat(catchGoogle(() -> clients.tasks(email).tasks().list("no-such-list").execute()).getStatusCode())
                .isEqualTo(404);
        var badUpdatedMin = clients.getError(email, "tasks/v1/lists/%40default/tasks?updatedMin=yesterday");
        assertThat(badUpdatedMin.getStatusCode()).isEqualTo(400);
        assertThat(badUpdatedMin.getDetails().getErrors().get(0).getReason()).isEqualTo("invalid");
        assertThat(clients.getError(email, "tasks/v1/lists/%40default/tasks?maxResults=-3").getStatusCode())
                .isEqualTo(400);
    }

    private static List<Task> listAll(Tasks tasks, String listId, boolean deleted, boolean hidden)
            throws IOException {
        List<Task> out = new ArrayList<>();
        String pageToken = null;
        do {
            com.google.api.services.tasks.model.Tasks page = tasks.tasks().list(listId).setMaxResults(7)
                    .setShowDeleted(deleted).setShowHidden(hidden).setPageToken(pageToken).execute();
            if (page.getItems() != null) {
                out.addAll(page.getItems());
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return out;
    }
}
