package io.syncplane.emulator;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.Person;
import com.google.api.services.tasks.model.Task;
import io.syncplane.emulator.admin.GroundTruth;
import io.syncplane.emulator.admin.MessageView;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.tasks.EmulatedTask;
import io.syncplane.emulator.tasks.TaskListView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the admin API calls ground truth is exactly what full listings through the real clients return. */
class GroundTruthTest {

    @Test
    void groundTruthMatchesFullListingsEvenWhileActivityMutatesUsers() throws IOException {
        try (GoogleEmulator emulator = GoogleEmulator.builder().users(2).seed(99).messagesPerUser(30)
                .eventsPerUser(12).contactsPerUser(9).tasksPerUser(14).quotasEnabled(false).start()) {
            emulator.admin().activityRate(200);
            await().until(() -> emulator.admin().activityMutations() >= 40);
            emulator.admin().activityRate(0);
            EmulatorClients clients = new EmulatorClients(emulator);
            for (int index = 1; index <= 2; index++) {
                String email = emulator.admin().email(index);
                GroundTruth truth = emulator.admin().groundTruth(email);
                assertThat(gmailIds(clients, email)).isEqualTo(truth.messages().stream().map(MessageView::id).toList());
                assertThat(eventIds(clients, email)).containsExactlyInAnyOrderElementsOf(
                        truth.eventsByCalendar().get(email).stream().map(CalendarEvent::id).toList());
                assertThat(contactNames(clients, email)).containsExactlyInAnyOrderElementsOf(
                        truth.contacts().stream().map(Contact::resourceName).toList());
                for (TaskListView list : truth.taskLists()) {
                    List<Task> tasks = clients.tasks(email).tasks().list(list.id()).setShowHidden(true)
                            .setMaxResults(100).execute().getItems();
                    assertThat(tasks == null ? List.of() : tasks.stream().map(Task::getId).toList())
                            .containsExactlyElementsOf(list.tasks().stream().map(EmulatedTask::id).toList());
                }
            }
        }
    }

    @Test
    void sameSeedGivesSameDataAndIds() {
        try (GoogleEmulator a = GoogleEmulator.builder().users(3).seed(1234).start();
             GoogleEmulator b = GoogleEmulator.builder().users(3).seed(1234).start();
             GoogleEmulator c = GoogleEmulator.builder().users(3).seed(4321).start()) {
            String email = a.admin().email(3);
            assertThat(b.admin().groundTruth(email)).isEqualTo(a.admin().groundTruth(email));
            assertThat(b.admin().credentials(email)).isEqualTo(a.admin().credentials(email));
            assertThat(c.admin().groundTruth(email).messages()).isNotEqualTo(a.admin().groundTruth(email).messages());
        }
    }

    @Test
    void aHundredThousandMessageMailboxWorks() throws IOException {
        try (GoogleEmulator emulator = GoogleEmulator.builder().users(2).messagesFor(1, 100_000).quotasEnabled(false)
                .start()) {
            var gmail = new EmulatorClients(emulator).gmail(emulator.admin().email(1));
            ListMessagesResponse first = gmail.users().messages().list("me").setIncludeSpamTrash(true)
                    .setMaxResults(500L).execute();
            assertThat(first.getResultSizeEstimate()).isEqualTo(100_000);
            assertThat(first.getMessages()).hasSize(500);
            Message newest = gmail.users().messages().get("me", first.getMessages().get(0).getId()).execute();
            assertThat(newest.getPayload().getHeaders()).isNotEmpty();
            assertThat(gmail.users().getProfile("me").execute().getMessagesTotal()).isEqualTo(100_000);
        }
    }

    private static List<String> gmailIds(EmulatorClients clients, String email) throws IOException {
        List<String> ids = new ArrayList<>();
        String pageToken = null;
        do {
            ListMessagesResponse page = clients.gmail(email).users().messages().list("me").setIncludeSpamTrash(true)
                    .setMaxResults(13L).setPageToken(pageToken).execute();
            if (page.getMessages() != null) {
                page.getMessages().forEach(message -> ids.add(message.getId()));
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return ids;
    }

    private static List<String> eventIds(EmulatorClients clients, String email) throws IOException {
        List<String> ids = new ArrayList<>();
        String pageToken = null;
        do {
            Events page = clients.calendar(email).events().list("primary").setMaxResults(5).setPageToken(pageToken)
                    .execute();
            page.getItems().stream().map(Event::getId).forEach(ids::add);
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return ids;
    }

    private static List<String> contactNames(EmulatorClients clients, String email) throws IOException {
        List<String> names = new ArrayList<>();
        String pageToken = null;
        do {
            ListConnectionsResponse page = clients.people(email).people().connections().list("people/me")
                    .setPersonFields("names").setPageSize(4).setPageToken(pageToken).execute();
            if (page.getConnections() != null) {
                page.getConnections().stream().map(Person::getResourceName).forEach(names::add);
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return names;
    }
}
