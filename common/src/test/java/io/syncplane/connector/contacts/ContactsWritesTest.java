package io.syncplane.connector.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.connector.CountingWriter;
import io.syncplane.connector.OutboxFixture;
import io.syncplane.domain.Source;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.people.ContactChange;
import io.syncplane.google.GoogleClients;
import io.syncplane.store.SyncedTables;
import io.syncplane.writeback.ConflictPolicy;
import io.syncplane.writeback.OperationKind;
import io.syncplane.writeback.OperationState;
import io.syncplane.writeback.OutboundDrain;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.WriteConflict;
import io.syncplane.writeback.WriteSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Contacts writes through the outbox, the real People client and the emulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsWritesTest {

    private ConnectorHarness harness;
    private EmulatorAdmin admin;
    private OutboxFixture fixture;
    private ContactsSyncJob job;
    private final AtomicInteger users = new AtomicInteger();

    @BeforeAll
    void start() {
        harness = new ConnectorHarness(b -> b.users(8).contactsPerUser(3));
        admin = harness.emulator.admin();
        fixture = new OutboxFixture(harness);
        job = new ContactsSyncJob(harness.clients, harness.items, harness.sweep, harness.ledger.clock,
                ContactsConnectorProperties.defaults());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void create_update_and_delete_land_at_google_and_in_the_feed_once() {
        Linked user = synced();
        // People answers a write with fewer fields than a read asks for (here: no emailAddresses), so the sync's
        // copy differs from the stored answer while carrying the same etag: only echo suppression keeps it quiet
        GoogleClients answersWithoutEmails = AlteredAnswers.clients(harness, AlteredAnswers.firstBody(
                "updateContact", person -> person.remove("emailAddresses")));
        OutboundDrain drain = fixture.drain(new ContactsWriter(answersWithoutEmails), WriteSettings.defaults());

        OutboundOperation create = record(user, OperationKind.CREATE, null, null, Map.of(
                "names", List.of(Map.of("givenName", "Ada", "familyName", "Lovelace")),
                "emailAddresses", List.of(Map.of("value", "ada@example.com"))));
        Run created = fixture.run(drain, job, user);
        OutboundOperation applied = fixture.reread(create);
        String name = applied.result().itemId();
        Long afterCreate = seq(user, name);
        sync(user);

        assertThat(created.completed()).as("%s", created.error()).isTrue();
        assertThat(applied.state()).isEqualTo(OperationState.APPLIED);
        assertThat(name).startsWith("people/");
        assertThat(applied.result().version()).isEqualTo(afterCreate);
        assertThat(googleContact(user, name)).map(Contact::familyName).contains("Lovelace");
        assertThat(googleContact(user, name).orElseThrow().clientData()).as("the create's marker")
                .anySatisfy(d -> assertThat(d.value()).isEqualTo(Long.toString(create.id())));
        assertThat(seq(user, name)).isEqualTo(afterCreate);

        OutboundOperation update = record(user, OperationKind.UPDATE, name, afterCreate,
                Map.of("phoneNumbers", List.of(Map.of("value", "+44 20 7946 0000"))));
        // the run stores the shorter answer, then its sync reads the fuller copy back: the echo
        fixture.run(drain, job, user);
        Long afterUpdate = seq(user, name);
        sync(user);

        assertThat(fixture.reread(update).state()).isEqualTo(OperationState.APPLIED);
        assertThat(googleContact(user, name)).map(Contact::phone).contains("+44 20 7946 0000");
        assertThat(afterUpdate).as("the write's position, not moved by its echo").isGreaterThan(afterCreate)
                .isEqualTo(fixture.reread(update).result().version());
        assertThat(emails(user, name)).as("the echo's fuller copy is stored").contains("ada@example.com");
        assertThat(seq(user, name)).isEqualTo(afterUpdate);

        OutboundOperation delete = record(user, OperationKind.DELETE, name, afterUpdate, Map.of());
        fixture.run(drain, job, user);
        Long afterDelete = seq(user, name);
        sync(user);

        assertThat(fixture.reread(delete).state()).isEqualTo(OperationState.APPLIED);
        assertThat(googleContact(user, name)).isEmpty();
        assertThat(fixture.column(SyncedTables.CONTACT, "deleted_at IS NOT NULL", user.connectionId(), name))
                .isEqualTo("true");
        assertThat(seq(user, name)).isEqualTo(afterDelete);
    }

    @Test
    void a_stale_etag_is_a_conflict_and_application_wins_by_policy() {
        Linked user = synced();
        Contact contact = admin.groundTruth(user.email()).contacts().get(0);
        Long base = seq(user, contact.resourceName());
        admin.updateContact(user.email(), contact.resourceName(),
                new ContactChange("Changed", null, null, null, null));

        OutboundOperation op = record(user, OperationKind.UPDATE, contact.resourceName(), base,
                Map.of("names", List.of(Map.of("givenName", "Application's"))));
        fixture.run(fixture.drain(new ContactsWriter(harness.clients),
                WriteSettings.defaults().withPolicy(Source.CONTACTS, ConflictPolicy.APPLICATION_WINS)), job, user);

        assertThat(fixture.reread(op).state()).isEqualTo(OperationState.APPLIED);
        assertThat(fixture.outbox.conflictsOf(op.id())).singleElement().satisfies(c -> {
            assertThat(c.decision()).isEqualTo(WriteConflict.Decision.APPLICATION_WON);
            assertThat(c.googleModifiedAt()).as("People's source updateTime").isNotNull();
        });
        assertThat(googleContact(user, contact.resourceName())).map(Contact::givenName).contains("Application's");
    }

    @Test
    void a_create_that_reached_google_before_the_worker_died_is_found_by_its_marker() throws Exception {
        Linked user = synced();
        OutboundOperation op = record(user, OperationKind.CREATE, null, null,
                Map.of("names", List.of(Map.of("givenName", "Once", "familyName", "Only"))));
        new ContactsWriter(harness.clients).send(fixture.outbox.markSending(op), Optional.empty(), null);
        CountingWriter writer = new CountingWriter(new ContactsWriter(harness.clients));

        Run run = fixture.run(fixture.drain(writer, WriteSettings.defaults()), job, user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(fixture.reread(op).state()).isEqualTo(OperationState.APPLIED);
        assertThat(writer.sends).as("found, not sent again").hasValue(0);
        assertThat(admin.groundTruth(user.email()).contacts().stream()
                .filter(c -> "Only".equals(c.familyName())).count()).isEqualTo(1);
    }

    private OutboundOperation record(Linked user, OperationKind kind, String name, Long base,
                                     Map<String, Object> fields) {
        return fixture.record(user, Source.CONTACTS, kind, null, name, null, base, fields, Instant.now());
    }

    private Linked synced() {
        Linked user = harness.link(users.incrementAndGet());
        Run run = sync(user);
        assertThat(run.completed()).as("%s", run.error()).isTrue();
        return user;
    }

    private Run sync(Linked user) {
        return harness.sync(job, user.key(Source.CONTACTS));
    }

    private Long seq(Linked user, String name) {
        return fixture.changeSeq(SyncedTables.CONTACT, user.connectionId(), name);
    }

    private String emails(Linked user, String name) {
        return fixture.column(SyncedTables.CONTACT, "emails", user.connectionId(), name);
    }

    private Optional<Contact> googleContact(Linked user, String name) {
        return admin.groundTruth(user.email()).contacts().stream().filter(c -> c.resourceName().equals(name))
                .findFirst();
    }
}
