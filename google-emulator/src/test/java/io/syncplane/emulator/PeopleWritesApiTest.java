package io.syncplane.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.people.v1.model.ClientData;
import com.google.api.services.people.v1.model.EmailAddress;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.api.services.people.v1.model.Name;
import com.google.api.services.people.v1.model.Person;
import com.google.api.services.people.v1.model.PhoneNumber;
import io.syncplane.emulator.oauth.Scopes;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.people.ClientDatum;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;

/** createContact / updateContact / deleteContact through the real People client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleWritesApiTest {

    private static final String FIELDS = "names,emailAddresses,phoneNumbers,metadata,clientData";
    private static final String MARKER = "syncplane.write";

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(4).seed(9).contactsPerUser(5).clock(clock).quotasEnabled(false)
                .start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void createUpdateDeleteShowInTheSyncTokenListingAndCarryClientData() throws IOException {
        String email = emulator.admin().email(1);
        PeopleService people = clients.people(email);
        String token = fullSync(people);

        Person created = people.people().createContact(new Person()
                .setNames(List.of(new Name().setGivenName("Ada").setFamilyName("Lovelace")))
                .setEmailAddresses(List.of(new EmailAddress().setValue("ada@example.test")))
                .setClientData(List.of(new ClientData().setKey(MARKER).setValue("op-1"))))
                .setPersonFields(FIELDS).execute();
        assertThat(created.getResourceName()).startsWith("people/c");
        assertThat(created.getEtag()).isNotBlank();
        assertThat(created.getNames().get(0).getDisplayName()).isEqualTo("Ada Lovelace");
        assertThat(created.getClientData()).singleElement().satisfies(datum -> {
            assertThat(datum.getKey()).isEqualTo(MARKER);
            assertThat(datum.getValue()).isEqualTo("op-1");
        });

        ListConnectionsResponse afterCreate = changesSince(people, token);
        assertThat(afterCreate.getConnections()).singleElement().satisfies(person -> {
            assertThat(person.getResourceName()).isEqualTo(created.getResourceName());
            assertThat(person.getClientData().get(0).getValue()).isEqualTo("op-1");
        });
        assertThat(people.people().get(created.getResourceName()).setPersonFields("clientData").execute()
                .getClientData().get(0).getKey()).isEqualTo(MARKER);

        clock.advance(Duration.ofSeconds(1));
        Person updated = people.people().updateContact(created.getResourceName(), new Person()
                .setEtag(created.getEtag())
                .setPhoneNumbers(List.of(new PhoneNumber().setValue("+44 20 1234")))
                .setClientData(List.of(new ClientData().setKey(MARKER).setValue("op-2"))))
                .setUpdatePersonFields("phoneNumbers,clientData").setPersonFields(FIELDS).execute();
        assertThat(updated.getEtag()).isNotEqualTo(created.getEtag());
        assertThat(updated.getPhoneNumbers().get(0).getValue()).isEqualTo("+44 20 1234");
        assertThat(updated.getNames().get(0).getGivenName()).as("not in the mask: kept").isEqualTo("Ada");
        assertThat(updated.getClientData().get(0).getValue()).isEqualTo("op-2");

        clock.advance(Duration.ofSeconds(1));
        Person renamed = people.people().updateContact(created.getResourceName(), new Person()
                .setEtag(updated.getEtag()).setNames(List.of(new Name().setGivenName("Augusta"))))
                .setUpdatePersonFields("names,emailAddresses").setPersonFields(FIELDS).execute();
        assertThat(renamed.getNames().get(0).getGivenName()).isEqualTo("Augusta");
        assertThat(renamed.getNames().get(0).getFamilyName()).as("masked fields are replaced").isNull();
        assertThat(renamed.getEmailAddresses()).as("masked and absent: cleared").isNull();

        ListConnectionsResponse afterUpdates = changesSince(people, afterCreate.getNextSyncToken());
        assertThat(afterUpdates.getConnections()).singleElement()
                .satisfies(person -> assertThat(person.getEtag()).isEqualTo(renamed.getEtag()));

        people.people().deleteContact(created.getResourceName()).execute();
        ListConnectionsResponse afterDelete = changesSince(people, afterUpdates.getNextSyncToken());
        assertThat(afterDelete.getConnections()).singleElement().satisfies(person -> {
            assertThat(person.getResourceName()).isEqualTo(created.getResourceName());
            assertThat(person.getMetadata().getDeleted()).isTrue();
        });
        assertThat(catchGoogle(() -> people.people().deleteContact(created.getResourceName()).execute())
                .getStatusCode()).isEqualTo(404);
        assertThat(emulator.admin().groundTruth(email).contacts()).extracting(Contact::resourceName)
                .doesNotContain(created.getResourceName());
    }

    @Test
    void groundTruthHasTheClientData() throws IOException {
        String email = emulator.admin().email(2);
        Person created = clients.people(email).people().createContact(new Person()
                .setNames(List.of(new Name().setGivenName("Grace")))
                .setClientData(List.of(new ClientData().setKey(MARKER).setValue("op-9")))).execute();
        assertThat(created.getClientData()).as("all fields without personFields").isNotNull();
        assertThat(emulator.admin().groundTruth(email).contacts())
                .filteredOn(c -> c.resourceName().equals(created.getResourceName())).singleElement()
                .satisfies(c -> assertThat(c.clientData()).containsExactly(new ClientDatum(MARKER, "op-9")));
    }

    @Test
    void staleEtagIsFailedPreconditionAndTheSourceEtagAlsoCounts() throws IOException {
        String email = emulator.admin().email(3);
        PeopleService people = clients.people(email);
        Person created = people.people().createContact(new Person()
                .setNames(List.of(new Name().setGivenName("Old")))).setPersonFields(FIELDS).execute();
        Person current = people.people().updateContact(created.getResourceName(), new Person()
                .setEtag(created.getEtag()).setNames(List.of(new Name().setGivenName("New"))))
                .setUpdatePersonFields("names").setPersonFields(FIELDS).execute();

        GoogleJsonResponseException stale = catchGoogle(() -> people.people().updateContact(
                created.getResourceName(), new Person().setEtag(created.getEtag())
                        .setNames(List.of(new Name().setGivenName("Lost")))).setUpdatePersonFields("names").execute());
        assertThat(stale.getStatusCode()).isEqualTo(400);
        assertThat(stale.getDetails().getMessage()).isEqualTo("Request person.etag is different than the current"
                + " person.etag. Clear local cache and get the latest person.");
        assertThat(stale.getDetails().get("status")).isEqualTo("FAILED_PRECONDITION");
        assertThat(stale.getDetails().getErrors()).isNull();

        // metadata.sources[0].etag, as read back, is accepted in place of the person's etag
        Person bySource = people.people().updateContact(created.getResourceName(), new Person()
                .setMetadata(current.getMetadata()).setNames(List.of(new Name().setGivenName("Newest"))))
                .setUpdatePersonFields("names").setPersonFields("names").execute();
        assertThat(bySource.getNames().get(0).getGivenName()).isEqualTo("Newest");

        GoogleJsonResponseException noMask = catchGoogle(() -> people.people().updateContact(
                created.getResourceName(), new Person().setEtag(bySource.getEtag())).execute());
        assertThat(noMask.getStatusCode()).isEqualTo(400);
        assertThat(noMask.getDetails().get("status")).isEqualTo("INVALID_ARGUMENT");
        assertThat(catchGoogle(() -> people.people().updateContact("people/c404", new Person().setEtag("%x"))
                .setUpdatePersonFields("names").execute()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void aReadOnlyTokenGets403() throws IOException {
        String email = emulator.admin().email(4);
        PeopleService readOnly = clients.people(EmulatorClients.bearer(
                emulator.admin().accessToken(email, Scopes.READ_ONLY.values())));
        assertThat(readOnly.people().connections().list("people/me").setPersonFields("names").execute()
                .getConnections()).isNotEmpty();
        GoogleJsonResponseException e = catchGoogle(() -> readOnly.people().createContact(new Person()
                .setNames(List.of(new Name().setGivenName("No")))).execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
        PeopleService writer = clients.people(EmulatorClients.bearer(emulator.admin().accessToken(email,
                List.of("https://www.googleapis.com/auth/contacts"))));
        assertThat(writer.people().createContact(new Person().setNames(List.of(new Name().setGivenName("Yes"))))
                .execute().getResourceName()).startsWith("people/c");
    }

    private static String fullSync(PeopleService people) throws IOException {
        String pageToken = null;
        ListConnectionsResponse page;
        do {
            page = people.people().connections().list("people/me").setPersonFields(FIELDS).setRequestSyncToken(true)
                    .setPageToken(pageToken).execute();
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return page.getNextSyncToken();
    }

    private static ListConnectionsResponse changesSince(PeopleService people, String token) throws IOException {
        return people.people().connections().list("people/me").setPersonFields(FIELDS).setRequestSyncToken(true)
                .setSyncToken(token).execute();
    }
}
