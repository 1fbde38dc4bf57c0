package io.syncplane.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.Person;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.people.ContactChange;
import io.syncplane.emulator.people.NewContact;
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
class PeopleApiTest {

    private static final String FIELDS = "names,emailAddresses,phoneNumbers,metadata";

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(5).seed(3).contactsPerUser(17).clock(clock)
                .quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void fullSyncPagesAndGivesTheSyncTokenOnlyOnTheLastPage() throws IOException {
        String email = emulator.admin().email(1);
        PeopleService people = clients.people(email);
        List<Person> all = new ArrayList<>();
        String pageToken = null;
        String syncToken = null;
        int pages = 0;
        do {
            ListConnectionsResponse page = people.people().connections().list("people/me").setPersonFields(FIELDS)
                    .setPageSize(5).setRequestSyncToken(true).setPageToken(pageToken).execute();
            all.addAll(page.getConnections());
            assertThat(page.getTotalItems()).isEqualTo(17);
            pageToken = page.getNextPageToken();
            if (pageToken != null) {
                assertThat(page.getNextSyncToken()).isNull();
            } else {
                syncToken = page.getNextSyncToken();
            }
            pages++;
        } while (pageToken != null);
        assertThat(pages).isEqualTo(4);
        assertThat(syncToken).isNotNull();
        assertThat(all).extracting(Person::getResourceName).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(emulator.admin().groundTruth(email).contacts().stream()
                        .map(Contact::resourceName).toList());
        assertThat(all.get(0).getNames().get(0).getDisplayName()).isNotBlank();
        assertThat(all.get(0).getMetadata().getSources().get(0).getType()).isEqualTo("CONTACT");
    }

    @Test
    void withoutRequestSyncTokenThereIsNoSyncToken() throws IOException {
        ListConnectionsResponse page = clients.people(emulator.admin().email(1)).people().connections()
                .list("people/me").setPersonFields("names").setPageSize(1000).execute();
        assertThat(page.getNextSyncToken()).isNull();
        assertThat(page.getConnections().get(0).getEmailAddresses()).isNull();
    }

    @Test
    void syncReturnsChangesAndDeletionsAsMetadataDeleted() throws IOException {
        String email = emulator.admin().email(2);
        PeopleService people = clients.people(email);
        String token = fullSync(people);
        List<Contact> contacts = emulator.admin().groundTruth(email).contacts();
        Contact added = emulator.admin().addContact(email, NewContact.of("Nia", "Okafor", "nia@x.test"));
        emulator.admin().updateContact(email, contacts.get(0).resourceName(), ContactChange.email("new@x.test"));
        emulator.admin().deleteContact(email, contacts.get(1).resourceName());

        ListConnectionsResponse changes = people.people().connections().list("people/me").setPersonFields(FIELDS)
                .setSyncToken(token).setRequestSyncToken(true).execute();
        assertThat(changes.getConnections()).extracting(Person::getResourceName).containsExactlyInAnyOrder(
                added.resourceName(), contacts.get(0).resourceName(), contacts.get(1).resourceName());
        Person deleted = changes.getConnections().stream()
                .filter(p -> p.getResourceName().equals(contacts.get(1).resourceName())).findFirst().orElseThrow();
        assertThat(deleted.getMetadata().getDeleted()).isTrue();
        Person updated = changes.getConnections().stream()
                .filter(p -> p.getResourceName().equals(contacts.get(0).resourceName())).findFirst().orElseThrow();
        assertThat(updated.getEmailAddresses().get(0).getValue()).isEqualTo("new@x.test");
        assertThat(people.people().connections().list("people/me").setPersonFields(FIELDS)
                .setSyncToken(changes.getNextSyncToken()).setRequestSyncToken(true).execute().getConnections())
                .isNull();
    }

    @Test
    void expiredSyncTokenIs400WithExpiredSyncTokenReason() throws IOException {
        String email = emulator.admin().email(3);
        PeopleService people = clients.people(email);
        String token = fullSync(people);
        emulator.admin().expireCursors(email);
        assertExpired(catchGoogle(() -> people.people().connections().list("people/me").setPersonFields(FIELDS)
                .setSyncToken(token).execute()));

        String fresh = fullSync(people);
        clock.advance(Duration.ofDays(8));
        try {
            assertExpired(catchGoogle(() -> people.people().connections().list("people/me")
                    .setPersonFields(FIELDS).setSyncToken(fresh).execute()));
        } finally {
            clock.advance(Duration.ofDays(-8));
        }
    }

    @Test
    void badRequestsAreInvalidArgument() throws IOException {
        PeopleService people = clients.people(emulator.admin().email(4));
        GoogleJsonResponseException noFields = catchGoogle(() ->
                people.people().connections().list("people/me").execute());
        assertThat(noFields.getStatusCode()).isEqualTo(400);
        assertThat(noFields.getDetails().get("status")).isEqualTo("INVALID_ARGUMENT");
        assertThat(noFields.getDetails().getMessage()).startsWith("personFields mask is required");

        GoogleJsonResponseException badField = catchGoogle(() ->
                people.people().connections().list("people/me").setPersonFields("names,shoeSize").execute());
        assertThat(badField.getStatusCode()).isEqualTo(400);

        ListConnectionsResponse first = people.people().connections().list("people/me").setPersonFields("names")
                .setPageSize(3).execute();
        GoogleJsonResponseException mismatch = catchGoogle(() -> people.people().connections().list("people/me")
                .setPersonFields("names,emailAddresses").setPageSize(3).setPageToken(first.getNextPageToken())
                .execute());
        assertThat(mismatch.getStatusCode()).isEqualTo(400);
        assertThat(mismatch.getDetails().get("status")).isEqualTo("INVALID_ARGUMENT");
    }

    static void assertExpired(GoogleJsonResponseException e) {
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().get("status")).isEqualTo("FAILED_PRECONDITION");
        assertThat(e.getDetails().getErrors()).isNull();
        assertThat(e.getDetails().getMessage())
                .isEqualTo("Sync token is expired. Clear local cache and retry call without the sync token.");
        assertThat(e.getDetails().getDetails().get(0).getReason()).isEqualTo("EXPIRED_SYNC_TOKEN");
        assertThat(e.getDetails().getDetails().get(0).getType())
                .isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
    }

    private static String fullSync(PeopleService people) throws IOException {
        String pageToken = null;
        while (true) {
            ListConnectionsResponse page = people.people().connections().list("people/me").setPersonFields(FIELDS)
                    .setPageSize(100).setRequestSyncToken(true).setPageToken(pageToken).execute();
            if (page.getNextPageToken() == null) {
                return page.getNextSyncToken();
            }
            pageToken = page.getNextPageToken();
        }
    }
}
