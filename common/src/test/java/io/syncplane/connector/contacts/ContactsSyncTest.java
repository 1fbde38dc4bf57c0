package io.syncplane.connector.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.syncplane.connector.ConnectorHarness;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncMode;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.people.ContactChange;
import io.syncplane.emulator.people.NewContact;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncRun;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.sync.SyncStoppedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Contacts connector against the emulator's People API and real Postgres. Every test links a user of its own;
 * pages of 7 contacts make the 30 seeded contacts five pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsSyncTest {

    private static final int CONTACTS = 30;
    private static final int PAGE = 7;
    private static final int PAGES = 5;

    private final ConnectorHarness harness = new ConnectorHarness(b -> b.users(16).contactsPerUser(CONTACTS));
    private final AtomicInteger users = new AtomicInteger();
    private final ContactsSyncJob job = new ContactsSyncJob(harness.clients, harness.items, harness.sweep,
            harness.ledger.clock, ContactsConnectorProperties.defaults().withPageSize(PAGE));

    private ConnectorHarness.Linked user;
    private StoredContacts stored;

    @BeforeEach
    void linkAUserOfItsOwn() {
        user = harness.link(users.incrementAndGet());
        stored = new StoredContacts(harness, user);
    }

    @AfterAll
    void close() {
        harness.close();
    }

    @Test
    void a_full_sync_copies_every_contact_and_reports_progress_against_peoples_total() {
        AtomicReference<SyncCheckpoint> midway = new AtomicReference<>();
        AtomicInteger betweenPages = new AtomicInteger();

        ConnectorHarness.Run run = sync(() -> {
            if (betweenPages.incrementAndGet() == 3) {
                midway.set(harness.state(user, Source.CONTACTS).checkpoint());
            }
            return false;
        });

        assertThat(run.completed()).isTrue();
        assertThat(stored.live()).hasSize(CONTACTS).isEqualTo(stored.groundTruth());
        assertThat(lastRun().mode()).isEqualTo(SyncMode.FULL);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(CONTACTS, 0, 0));
        assertThat(run.state().cursor()).isNotBlank();
        assertThat(midway.get().phase()).isEqualTo("full");
        assertThat(midway.get().counts().added()).isEqualTo(2 * PAGE);
        assertThat(midway.get().estimatedTotal()).isEqualTo((long) CONTACTS);
    }

    @Test
    void an_incremental_sync_applies_additions_updates_and_deletions() {
        sync();
        List<Contact> atGoogle = stored.contactsAtGoogle();
        admin().addContact(user.email(), NewContact.of("Ada", "Lovelace", "ada@engines.test"));
        admin().addContact(user.email(), NewContact.of("Grace", "Hopper", "grace@navy.test"));
        admin().updateContact(user.email(), atGoogle.get(3).resourceName(), ContactChange.email("new@mail.test"));
        Contact deleted = atGoogle.get(8);
        admin().deleteContact(user.email(), deleted.resourceName());

        ConnectorHarness.Run run = sync();

        assertThat(run.completed()).isTrue();
        assertThat(lastRun().mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(2, 1, 1));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
        assertThat(stored.live().get(atGoogle.get(3).resourceName()).emails()).containsExactly("new@mail.test");
        assertThat(stored.tombstoned()).containsExactly(deleted.resourceName());
        assertThat(stored.tombstone(deleted.resourceName())).isEqualTo(ContactRow.of(deleted));
    }

    @Test
    void an_incremental_sync_without_changes_costs_one_request_and_writes_nothing() {
        sync();
        long before = peopleRequests();

        ConnectorHarness.Run run = sync();

        assertThat(run.completed()).isTrue();
        assertThat(peopleRequests() - before).isEqualTo(1);
        assertThat(lastRun().counts()).isEqualTo(SyncCounts.ZERO);
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void an_expired_sync_token_turns_the_run_into_a_full_resync_that_tombstones_only_what_is_gone() {
        sync();
        List<Contact> atGoogle = stored.contactsAtGoogle();
        admin().deleteContact(user.email(), atGoogle.get(0).resourceName());
        admin().deleteContact(user.email(), atGoogle.get(1).resourceName());
        admin().updateContact(user.email(), atGoogle.get(2).resourceName(),
                new ContactChange("Renamed", null, null, null, null));
        admin().addContact(user.email(), NewContact.of("New", "Person", "new@person.test"));
        admin().expireCursors(user.email());

        ConnectorHarness.Run run = sync();

        assertThat(run.completed()).isTrue();
        assertThat(lastRun().mode()).isEqualTo(SyncMode.FULL);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(1, 1, 2));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
        assertThat(stored.tombstoned())
                .containsExactlyInAnyOrder(atGoogle.get(0).resourceName(), atGoogle.get(1).resourceName());
        assertThat(run.state().lastError()).isNull();
    }

    @Test
    void a_sync_stopped_after_two_pages_resumes_from_its_checkpoint_without_reading_or_writing_anything_twice() {
        AtomicInteger betweenPages = new AtomicInteger();

        ConnectorHarness.Run stopped = sync(() -> betweenPages.incrementAndGet() > 2);

        assertThat(stopped.error()).isInstanceOf(SyncStoppedException.class);
        assertThat(stopped.state().checkpoint().phase()).isEqualTo("full");
        assertThat(stopped.state().checkpoint().pageToken()).isNotNull();
        assertThat(stored.live()).hasSize(2 * PAGE);
        assertThat(peopleRequests()).isEqualTo(2);

        ConnectorHarness.Run resumed = sync();

        assertThat(resumed.completed()).isTrue();
        assertThat(peopleRequests()).isEqualTo(PAGES);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(CONTACTS, 0, 0));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
        assertThat(stored.tombstoned()).isEmpty();
    }

    @Test
    void an_incremental_sync_stopped_mid_way_resumes_with_the_same_sync_token() {
        sync();
        for (int i = 0; i < 10; i++) {
            admin().addContact(user.email(), NewContact.of("Added", "Number" + i, "added" + i + "@mail.test"));
        }
        AtomicInteger betweenPages = new AtomicInteger();

        ConnectorHarness.Run stopped = sync(() -> betweenPages.incrementAndGet() > 1);

        assertThat(stopped.state().checkpoint().phase()).isEqualTo("changes");
        assertThat(stored.live()).hasSize(CONTACTS + PAGE);
        long beforeResume = peopleRequests();

        ConnectorHarness.Run resumed = sync();

        assertThat(resumed.completed()).isTrue();
        assertThat(peopleRequests() - beforeResume).as("only the second page of changes").isEqualTo(1);
        assertThat(lastRun().mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(10, 0, 0));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void a_token_that_expires_while_an_incremental_sync_is_paused_restarts_it_as_a_full_sync() {
        sync();
        Contact gone = stored.contactsAtGoogle().get(5);
        admin().deleteContact(user.email(), gone.resourceName());
        for (int i = 0; i < 10; i++) {
            admin().addContact(user.email(), NewContact.of("Added", "Number" + i, "added" + i + "@mail.test"));
        }
        AtomicInteger betweenPages = new AtomicInteger();
        sync(() -> betweenPages.incrementAndGet() > 1);
        admin().expireCursors(user.email());

        ConnectorHarness.Run resumed = sync();

        assertThat(resumed.completed()).isTrue();
        assertThat(lastRun().mode()).isEqualTo(SyncMode.FULL);
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
        assertThat(stored.tombstoned()).containsExactly(gone.resourceName());
    }

    @Test
    void a_connection_dropped_mid_sync_fails_the_run_and_the_retry_resumes_from_the_checkpoint() {
        AtomicInteger betweenPages = new AtomicInteger();

        ConnectorHarness.Run failed = sync(() -> {
            if (betweenPages.incrementAndGet() == 3) {
                admin().userFaults(user.email(), FaultPlan.drops(1.0).onlyFor(Api.PEOPLE));
            }
            return false;
        });

        assertThat(failed.state().status()).isEqualTo(SyncStatus.ERROR);
        assertThat(failed.error()).isInstanceOf(java.io.IOException.class);
        assertThat(failed.state().checkpoint().counts().added()).isEqualTo(2 * PAGE);
        assertThat(stored.live()).hasSize(2 * PAGE);

        admin().userFaults(user.email(), null);
        long beforeRetry = peopleRequests();
        ConnectorHarness.Run retried = sync();

        assertThat(retried.completed()).isTrue();
        assertThat(peopleRequests() - beforeRetry).as("only the three pages not yet committed").isEqualTo(PAGES - 2);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(CONTACTS, 0, 0));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void a_google_backend_error_fails_the_run_for_backoff_and_keeps_the_checkpoint() {
        AtomicInteger betweenPages = new AtomicInteger();

        ConnectorHarness.Run failed = sync(() -> {
            if (betweenPages.incrementAndGet() == 3) {
                admin().userFaults(user.email(), FaultPlan.errors503(1.0).onlyFor(Api.PEOPLE));
            }
            return false;
        });

        assertThat(failed.state().status()).as("a failure for the worker's backoff, not a rate limit")
                .isEqualTo(SyncStatus.ERROR);
        assertThat(failed.state().consecutiveErrors()).isEqualTo(1);
        assertThat(failed.state().lastError()).contains("503");
        assertThat(failed.state().checkpoint().counts()).isEqualTo(new SyncCounts(2 * PAGE, 0, 0));

        admin().userFaults(user.email(), null);
        assertThat(sync().completed()).isTrue();
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void a_page_token_people_no_longer_accepts_restarts_the_pass_instead_of_failing_forever() {
        AtomicInteger betweenPages = new AtomicInteger();
        sync(() -> betweenPages.incrementAndGet() > 2);
        harness.ledger.jdbc.sql("UPDATE sync_state SET checkpoint_page_token = 'PP.stale' WHERE connection_id = ?"
                + " AND source = 'contacts'").param(user.connectionId()).update();

        ConnectorHarness.Run resumed = sync();

        assertThat(resumed.completed()).isTrue();
        assertThat(peopleRequests()).as("two pages, the rejected token, then all five").isEqualTo(2 + 1 + PAGES);
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(CONTACTS, 0, 0));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
        assertThat(stored.tombstoned()).isEmpty();
    }

    @Test
    void the_safety_valve_keeps_the_data_when_a_resync_would_delete_nearly_everything_until_an_operator_forces_it() {
        sync();
        List<Contact> atGoogle = stored.contactsAtGoogle();
        atGoogle.subList(0, 28).forEach(contact -> admin().deleteContact(user.email(), contact.resourceName()));
        admin().expireCursors(user.email());

        ConnectorHarness.Run held = sync();

        assertThat(held.completed()).isTrue();
        assertThat(held.state().lastError()).contains("safety valve").contains("28 of 30");
        assertThat(stored.live()).hasSize(CONTACTS);
        assertThat(stored.tombstoned()).isEmpty();

        harness.ledger.states.forceFullResync(harness.state(user, Source.CONTACTS), "operator: the user did it");
        ConnectorHarness.Run forced = sync();

        assertThat(forced.completed()).isTrue();
        assertThat(forced.state().lastError()).isNull();
        assertThat(forced.state().forceFullSync()).isFalse();
        assertThat(lastRun().counts()).isEqualTo(new SyncCounts(0, 0, 28));
        assertThat(stored.live()).isEqualTo(stored.groundTruth()).hasSize(2);
        assertThat(stored.tombstoned()).hasSize(28);
    }

    @Test
    void a_malformed_contact_is_skipped_and_named_in_the_runs_warning_while_the_rest_syncs() {
        AtomicReference<String> broken = new AtomicReference<>();
        ContactsSyncJob reading = new ContactsSyncJob(AlteredAnswers.clients(harness,
                AlteredAnswers.firstBody("people/me/connections", page -> {
                    JsonObject second = page.getAsJsonArray("connections").get(1).getAsJsonObject();
                    broken.set(second.remove("resourceName").getAsString());
                })),
                harness.items, harness.sweep, harness.ledger.clock,
                ContactsConnectorProperties.defaults().withPageSize(PAGE));

        ConnectorHarness.Run run = harness.sync(reading, user.key(Source.CONTACTS));

        assertThat(run.completed()).isTrue();
        Map<String, ContactRow> everyOther = stored.groundTruth();
        everyOther.remove(broken.get());
        assertThat(stored.live()).hasSize(CONTACTS - 1).isEqualTo(everyOther);
        assertThat(run.state().lastError()).startsWith("skipped 1 malformed contact: etag ")
                .contains("no resourceName");
    }

    @Test
    void a_contact_people_now_sends_malformed_counts_as_seen_by_a_full_sync_so_its_stored_copy_stays_as_it_was() {
        assertThat(sync().completed()).isTrue();
        String poisoned = stored.contactsAtGoogle().get(0).resourceName();
        ContactRow before = stored.live().get(poisoned);
        admin().updateContact(user.email(), poisoned,
                new ContactChange("nul \u0000 in the name", null, null, null, null));
        admin().expireCursors(user.email());

        ConnectorHarness.Run resync = sync();

        assertThat(resync.completed()).as("%s", resync.error()).isTrue();
        assertThat(lastRun().mode()).isEqualTo(SyncMode.FULL);
        assertThat(stored.tombstoned()).as("People still has it: the sweep spares it").isEmpty();
        assertThat(stored.live()).hasSize(CONTACTS).containsEntry(poisoned, before);
        assertThat(resync.state().lastError())
                .isEqualTo("skipped 1 malformed contact: " + poisoned + " (contains NUL characters, which Postgres cannot store)");
        assertThat(lastRun().error()).isEqualTo(resync.state().lastError());
    }

    private ConnectorHarness.Run sync() {
        return harness.sync(job, user.key(Source.CONTACTS));
    }

    private ConnectorHarness.Run sync(java.util.function.BooleanSupplier stopRequested) {
        return harness.sync(job, user.key(Source.CONTACTS), stopRequested);
    }

    private SyncRun lastRun() {
        return harness.ledger.runs.recent(user.key(Source.CONTACTS), 1).get(0);
    }

    private long peopleRequests() {
        return admin().requestCounts(user.email(), Api.PEOPLE).requests();
    }

    private io.syncplane.emulator.admin.EmulatorAdmin admin() {
        return harness.emulator.admin();
    }
}
