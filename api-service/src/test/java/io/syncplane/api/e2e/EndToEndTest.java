package io.syncplane.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static io.syncplane.api.e2e.E2eSupport.awaitSyncedAfter;
import static io.syncplane.api.support.ServiceStart.freePort;
import static io.syncplane.api.e2e.E2eSupport.linkThroughOAuth;
import static io.syncplane.api.e2e.E2eSupport.readAll;

import io.syncplane.api.e2e.E2eSupport.Feed;
import io.syncplane.api.support.ApiClient;
import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.admin.GroundTruth;
import io.syncplane.emulator.admin.MessageView;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.calendar.EventChange;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.tasks.EmulatedTask;
import io.syncplane.emulator.tasks.TaskChange;
import io.syncplane.emulator.tasks.TaskListView;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Syncplane as a client application uses it, through HTTP only: the api-service and a real worker, both against the
 * Google emulator. Create a user, link the account through the OAuth flow, wait for the first syncs, read the change
 * feed and compare it with the emulator's ground truth; then change things at "Google", trigger, and read exactly
 * those changes from the cursor, deletions included.
 */
class EndToEndTest {

    private static GoogleEmulator emulator;
    private static E2eServices services;
    private static ApiClient client;

    @BeforeAll
    static void start() throws IOException {
        services = E2eServices.start(GoogleEmulator.builder().users(3).seed(11).messagesPerUser(40).eventsPerUser(12)
                .contactsPerUser(15).tasksPerUser(8), freePort(), Map.of());
        emulator = services.emulator();
        client = services.client();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void link_sync_read_the_feed_mutate_and_read_exactly_the_mutations() throws Exception {
        String email = emulator.admin().email(1);
        long userId = client.post("/v1/users", Map.of("externalId", "e2e-user")).json().get("id").asLong();

        long connectionId = linkThroughOAuth(client, userId, email);
        JsonNode linked = client.get("/v1/connections/" + connectionId).json();
        assertThat(linked.get("accountEmail").asString()).isEqualTo(email);
        Map<String, Instant> firstSyncs = awaitSyncedAfter(client, userId, Map.of());

        Feed initial = readAll(client, userId, null);
        GroundTruth truth = emulator.admin().groundTruth(email);
        assertThat(initial.live("gmail")).containsExactlyInAnyOrderElementsOf(
                truth.messages().stream().map(MessageView::id).toList());
        assertThat(initial.live("calendar")).containsExactlyInAnyOrderElementsOf(
                truth.eventsByCalendar().values().stream().flatMap(List::stream).map(CalendarEvent::id).toList());
        assertThat(initial.live("contacts")).containsExactlyInAnyOrderElementsOf(
                truth.contacts().stream().map(Contact::resourceName).toList());
        assertThat(initial.live("tasks")).containsExactlyInAnyOrderElementsOf(truth.taskLists().stream()
                .flatMap(list -> list.tasks().stream()).map(EmulatedTask::id).toList());
        assertThat(initial.changes()).allSatisfy(c -> assertThat(c.get("connectionId").asLong()).isEqualTo(connectionId));

        // change things at "Google"
        String newMessage = emulator.admin().addMessage(email, NewMessage.of("end to end")).id();
        String deletedContact = truth.contacts().get(0).resourceName();
        emulator.admin().deleteContact(email, deletedContact);
        Map.Entry<String, List<CalendarEvent>> calendar = truth.eventsByCalendar().entrySet().iterator().next();
        String changedEvent = calendar.getValue().get(0).id();
        emulator.admin().updateEvent(email, calendar.getKey(), changedEvent, EventChange.summary("moved"));
        TaskListView list = truth.taskLists().stream().filter(l -> !l.tasks().isEmpty()).findFirst().orElseThrow();
        String completedTask = list.tasks().get(0).id();
        emulator.admin().updateTask(email, list.id(), completedTask, TaskChange.complete());

        ApiClient.Response triggered = client.post("/v1/users/" + userId + "/sync", "{}");
        assertThat(triggered.status()).as(triggered.body()).isEqualTo(202);
        awaitSyncedAfter(client, userId, firstSyncs);

        Feed delta = readAll(client, userId, initial.next());
        assertThat(delta.keys()).containsExactlyInAnyOrder(
                "gmail upsert " + newMessage,
                "contacts delete " + deletedContact,
                "calendar upsert " + changedEvent,
                "tasks upsert " + completedTask);
        JsonNode event = delta.find("calendar", changedEvent);
        assertThat(event.get("data").get("summary").asString()).isEqualTo("moved");
        assertThat(delta.find("tasks", completedTask).get("data").get("status").asString()).isEqualTo("completed");

        // and nothing more arrives: the next poll from the new cursor is empty
        assertThat(readAll(client, userId, delta.next()).changes()).isEmpty();

        // unlinking revokes the grant at Google and, with purge, deletes the copy
        ApiClient.Response removed = client.delete("/v1/connections/" + connectionId + "?purge=true");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("revoked").asBoolean()).isTrue();
        assertThat(removed.json().get("rowsDeleted").asLong()).isPositive();
        assertThat(removed.json().get("connection").get("status").asString()).isEqualTo("removed");
        assertThat(readAll(client, userId, null).changes()).isEmpty();
        assertThat(client.post("/v1/connections/" + connectionId + "/sources/gmail/sync", "{}").status())
                .isEqualTo(409);
    }

}
