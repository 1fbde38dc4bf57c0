package io.syncplane.connector.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncMode;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.admin.GroundTruth;
import io.syncplane.emulator.admin.MessageView;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.http.Api;
import io.syncplane.ledger.SkippedSoFar;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncRun;
import io.syncplane.ledger.SyncRunOutcome;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.ReauthorizationRequiredException;
import io.syncplane.sync.SyncStoppedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Gmail connector against the emulator and a real Postgres: every test takes a mailbox of its own (40 messages,
 * SPAM and TRASH among them) and reads it in pages of 10, so paging, batching and checkpoints are exercised on every
 * run. Quotas are on, as at Google.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailSyncTest {

    private static final int MESSAGES = 40;
    private static final int PAGE = 10;

    private ConnectorHarness harness;
    private EmulatorAdmin admin;
    private StoredMessages stored;
    private GmailSyncJob job;
    /** Without read-ahead, for faults injected between two pages that must hit the very next page. */
    private GmailSyncJob pageByPage;
    private final AtomicInteger users = new AtomicInteger();

    @BeforeAll
    void start() {
        harness = new ConnectorHarness(b -> b.users(20).messagesPerUser(MESSAGES));
        admin = harness.emulator.admin();
        stored = new StoredMessages(harness.ledger);
        job = new GmailSyncJob(harness.clients, harness.items, harness.sweep, harness.ledger.clock,
                GmailSyncSettings.defaults().withPageSize(PAGE).withBatchSize(PAGE),
                GmailQuotaPacer.sleeping(200, Clock.systemUTC()));
        pageByPage = new GmailSyncJob(harness.clients, harness.items, harness.sweep, harness.ledger.clock,
                GmailSyncSettings.defaults().withPageSize(PAGE).withBatchSize(PAGE).withoutReadAhead(),
                GmailQuotaPacer.sleeping(200, Clock.systemUTC()));
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void a_full_sync_equals_the_ground_truth() {
        Linked user = aMailbox();
        List<MessageView> messages = admin.groundTruth(user.email()).messages();
        MessageView trashed = admin.modifyLabels(user.email(), messages.get(3).id(), List.of("TRASH"), List.of());
        MessageView spam = admin.modifyLabels(user.email(), messages.get(4).id(), List.of("SPAM"), List.of());
        GroundTruth truth = admin.groundTruth(user.email());

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredMessages.expected(truth))
                .as("SPAM and TRASH are part of the copy").containsKeys(trashed.id(), spam.id());
        assertThat(run.state().cursor()).isEqualTo(truth.historyId());
        assertThat(run.state().checkpoint()).isNull();
        assertThat(run.state().itemsLastRun()).isEqualTo(MESSAGES);
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.FULL);
        assertThat(lastRun(user).counts()).isEqualTo(new SyncCounts(MESSAGES, 0, 0));
        String anyId = truth.messages().get(0).id();
        assertThat(stored.raw(user.connectionId(), anyId)).contains("\"id\": \"" + anyId + "\"")
                .contains("\"payload\"");
    }

    @Test
    void a_full_sync_shows_its_progress_and_gmails_estimate_between_pages() {
        Linked user = aMailbox();
        List<SyncCheckpoint> seen = new ArrayList<>();

        Run run = harness.sync(job, user.key(Source.GMAIL), () -> {
            seen.add(harness.state(user, Source.GMAIL).checkpoint());
            return false;
        });

        assertThat(run.completed()).isTrue();
        assertThat(seen).hasSize(MESSAGES / PAGE - 1);
        assertThat(seen).extracting(c -> c.counts().added()).containsExactly(10L, 20L, 30L);
        assertThat(seen).allSatisfy(c -> {
            assertThat(c.phase()).isEqualTo(GmailFullSync.PHASE);
            assertThat(c.estimatedTotal()).isEqualTo((long) MESSAGES);
            assertThat(c.pendingCursor()).isEqualTo(run.state().cursor());
            assertThat(c.generation()).isNotNull();
        });
    }

    @Test
    void an_incremental_sync_applies_new_messages_label_changes_and_deletions() {
        Linked user = aMailbox();
        assertThat(sync(user).completed()).isTrue();
        List<MessageView> before = admin.groundTruth(user.email()).messages();
        admin.addMessage(user.email(), NewMessage.of("first new"));
        admin.addMessage(user.email(), NewMessage.of("second new"));
        MessageView relabelledNew = admin.addMessage(user.email(), NewMessage.of("third new"));
        admin.modifyLabels(user.email(), relabelledNew.id(), List.of("STARRED"), List.of("UNREAD"));
        MessageView shortLived = admin.addMessage(user.email(), NewMessage.of("gone before we looked"));
        admin.deleteMessage(user.email(), shortLived.id());
        admin.modifyLabels(user.email(), before.get(0).id(), List.of("STARRED", "Label_1"), List.of());
        admin.modifyLabels(user.email(), before.get(1).id(), List.of("TRASH"), List.of("INBOX"));
        admin.deleteMessage(user.email(), before.get(2).id());
        admin.deleteMessage(user.email(), before.get(3).id());
        GroundTruth truth = admin.groundTruth(user.email());

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredMessages.expected(truth));
        assertThat(stored.tombstoned(user.connectionId())).containsExactlyInAnyOrder(before.get(2).id(),
                before.get(3).id());
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(lastRun(user).counts()).isEqualTo(new SyncCounts(3, 2, 2));
        assertThat(run.state().cursor()).isEqualTo(truth.historyId());
    }

    @Test
    void a_message_relabelled_on_one_history_page_and_deleted_on_the_next_is_tombstoned_not_resurrected() {
        Linked user = aMailbox();
        assertThat(sync(user).completed()).isTrue();
        List<MessageView> before = admin.groundTruth(user.email()).messages();
        for (MessageView message : before.subList(0, PAGE - 1)) {
            admin.modifyLabels(user.email(), message.id(), List.of("Label_3"), List.of());
        }
        MessageView doomed = before.get(20);
        admin.modifyLabels(user.email(), doomed.id(), List.of("STARRED"), List.of()); // last record of page one
        admin.deleteMessage(user.email(), doomed.id()); // first record of page two

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(stored.live(user.connectionId()))
                .isEqualTo(StoredMessages.expected(admin.groundTruth(user.email())));
        assertThat(stored.tombstoned(user.connectionId())).containsExactly(doomed.id());
        assertThat(lastRun(user).counts()).as("read again on page one, it answered 404: tombstoned there")
                .isEqualTo(new SyncCounts(0, PAGE - 1, 1));
    }

    @Test
    void an_idle_incremental_sync_asks_gmail_once_and_rewrites_nothing() {
        Linked user = aMailbox();
        assertThat(sync(user).completed()).isTrue();
        Map<String, Long> rowsBefore = stored.changeSeqs(user.connectionId());
        long requestsBefore = admin.requestCounts(user.email(), Api.GMAIL).requests();

        Run run = sync(user);

        assertThat(run.completed()).isTrue();
        assertThat(run.state().itemsLastRun()).isZero();
        assertThat(admin.requestCounts(user.email(), Api.GMAIL).requests() - requestsBefore).isEqualTo(1);
        assertThat(stored.changeSeqs(user.connectionId())).isEqualTo(rowsBefore);
    }

    @Test
    void an_expired_history_id_leads_to_a_full_resync_that_tombstones_exactly_what_is_gone() {
        Linked user = aMailbox();
        assertThat(sync(user).completed()).isTrue();
        List<MessageView> before = admin.groundTruth(user.email()).messages();
        List<String> deleted = List.of(before.get(5).id(), before.get(17).id(), before.get(33).id());
        deleted.forEach(id -> admin.deleteMessage(user.email(), id));
        admin.modifyLabels(user.email(), before.get(8).id(), List.of("IMPORTANT", "Label_2"), List.of());
        admin.addMessage(user.email(), NewMessage.of("arrived while the cursor expired"));
        admin.expireCursors(user.email());
        GroundTruth truth = admin.groundTruth(user.email());

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.FULL);
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredMessages.expected(truth));
        assertThat(stored.tombstoned(user.connectionId())).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(lastRun(user).counts()).isEqualTo(new SyncCounts(1, 1, 3));
        assertThat(run.state().cursor()).isEqualTo(truth.historyId());
        assertThat(run.state().lastError()).isNull();
    }

    @Test
    void a_sync_stopped_after_two_pages_resumes_from_its_checkpoint_without_reading_those_pages_again() {
        Linked user = aMailbox();
        AtomicInteger pages = new AtomicInteger();

        Run stopped = harness.sync(job, user.key(Source.GMAIL), () -> pages.incrementAndGet() == 2);

        assertThat(stopped.error()).isInstanceOf(SyncStoppedException.class);
        assertThat(stopped.state().status()).isEqualTo(SyncStatus.IDLE);
        assertThat(stopped.state().cursor()).isNull();
        SyncCheckpoint checkpoint = stopped.state().checkpoint();
        assertThat(checkpoint.phase()).isEqualTo(GmailFullSync.PHASE);
        assertThat(checkpoint.pageToken()).isNotNull();
        assertThat(checkpoint.counts()).isEqualTo(new SyncCounts(20, 0, 0));
        Map<String, Long> firstTwoPages = stored.changeSeqs(user.connectionId());
        assertThat(firstTwoPages).hasSize(20);
        long requestsBefore = admin.requestCounts(user.email(), Api.GMAIL).requests();

        Run resumed = sync(user);

        assertThat(resumed.completed()).as("%s", resumed.error()).isTrue();
        GroundTruth truth = admin.groundTruth(user.email());
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredMessages.expected(truth));
        // two list pages and their twenty gets; no profile, no pages one and two
        assertThat(admin.requestCounts(user.email(), Api.GMAIL).requests() - requestsBefore).isEqualTo(2 + 20);
        assertThat(stored.changeSeqs(user.connectionId())).containsAllEntriesOf(firstTwoPages);
        assertThat(resumed.state().itemsLastRun()).isEqualTo(MESSAGES);
        assertThat(resumed.state().cursor()).isEqualTo(checkpoint.pendingCursor());
    }

    @Test
    void a_message_deleted_while_a_full_sync_was_interrupted_is_tombstoned_by_the_history_replay_after_it() {
        Linked user = aMailbox();
        AtomicInteger pages = new AtomicInteger();
        harness.sync(job, user.key(Source.GMAIL), () -> pages.incrementAndGet() == 1);
        String seenThenDeleted = admin.groundTruth(user.email()).messages().get(0).id();
        admin.deleteMessage(user.email(), seenThenDeleted);

        Run resumed = sync(user);
        Run replay = sync(user);

        assertThat(resumed.completed()).isTrue();
        assertThat(replay.completed()).isTrue();
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(stored.live(user.connectionId()))
                .isEqualTo(StoredMessages.expected(admin.groundTruth(user.email())));
        assertThat(stored.tombstoned(user.connectionId())).containsExactly(seenThenDeleted);
    }

    @Test
    void an_incremental_sync_stopped_between_history_pages_resumes_with_the_same_start_history_id() {
        Linked user = aMailbox();
        Run full = sync(user);
        // only messages without the label, so that each of the 25 modifications changes a message
        List<MessageView> messages = admin.groundTruth(user.email()).messages().stream()
                .filter(m -> !m.labelIds().contains("Label_3")).toList();
        for (MessageView message : messages.subList(0, 25)) {
            admin.modifyLabels(user.email(), message.id(), List.of("Label_3"), List.of());
        }
        AtomicInteger pages = new AtomicInteger();

        Run stopped = harness.sync(job, user.key(Source.GMAIL), () -> pages.incrementAndGet() == 1);

        assertThat(stopped.error()).isInstanceOf(SyncStoppedException.class);
        SyncCheckpoint checkpoint = stopped.state().checkpoint();
        assertThat(checkpoint.phase()).isEqualTo(GmailIncrementalSync.PHASE);
        assertThat(checkpoint.pendingCursor()).isEqualTo(full.state().cursor());
        assertThat(checkpoint.counts()).isEqualTo(new SyncCounts(0, 10, 0));
        assertThat(stopped.state().cursor()).isEqualTo(full.state().cursor());

        Run resumed = sync(user);

        assertThat(resumed.completed()).as("%s", resumed.error()).isTrue();
        GroundTruth truth = admin.groundTruth(user.email());
        assertThat(stored.live(user.connectionId())).isEqualTo(StoredMessages.expected(truth));
        assertThat(resumed.state().cursor()).isEqualTo(truth.historyId());
        assertThat(resumed.state().itemsLastRun()).isEqualTo(25);
    }

    @Test
    void a_connection_dropped_mid_sync_fails_the_run_and_the_retry_resumes_from_the_checkpoint() {
        Linked user = aMailbox();
        AtomicInteger pages = new AtomicInteger();

        Run failed = harness.sync(pageByPage, user.key(Source.GMAIL), () -> {
            if (pages.incrementAndGet() == 2) {
                admin.userFaults(user.email(), FaultPlan.drops(1.0));
            }
            return false;
        });
        admin.userFaults(user.email(), null);

        assertThat(failed.state().status()).isEqualTo(SyncStatus.ERROR);
        assertThat(failed.error()).isInstanceOf(java.io.IOException.class);
        assertThat(failed.state().checkpoint().counts()).isEqualTo(new SyncCounts(20, 0, 0));
        Map<String, Long> firstTwoPages = stored.changeSeqs(user.connectionId());

        Run retried = sync(user);

        assertThat(retried.completed()).as("%s", retried.error()).isTrue();
        assertThat(stored.live(user.connectionId()))
                .isEqualTo(StoredMessages.expected(admin.groundTruth(user.email())));
        assertThat(stored.changeSeqs(user.connectionId())).containsAllEntriesOf(firstTwoPages);
        assertThat(retried.state().itemsLastRun()).isEqualTo(MESSAGES);
    }

    @Test
    void a_connection_dropped_while_the_next_page_is_read_ahead_commits_whole_pages_and_the_retry_neither_skips_nor_doubles() {
        Linked user = aMailbox();
        AtomicInteger pages = new AtomicInteger();

        // the next page's read is under way (or done) while a page commits; the drop hits it or the one after
        Run failed = harness.sync(job, user.key(Source.GMAIL), () -> {
            if (pages.incrementAndGet() == 2) {
                admin.userFaults(user.email(), FaultPlan.drops(1.0));
            }
            return false;
        });
        admin.userFaults(user.email(), null);

        assertThat(failed.state().status()).isEqualTo(SyncStatus.ERROR);
        long committed = failed.state().checkpoint().counts().added();
        assertThat(committed).isIn(2L * PAGE, 3L * PAGE);
        Map<String, Long> committedPages = stored.changeSeqs(user.connectionId());
        assertThat(committedPages).hasSize((int) committed);

        Run retried = sync(user);

        assertThat(retried.completed()).as("%s", retried.error()).isTrue();
        assertThat(stored.live(user.connectionId()))
                .isEqualTo(StoredMessages.expected(admin.groundTruth(user.email())));
        assertThat(stored.changeSeqs(user.connectionId())).containsAllEntriesOf(committedPages);
        assertThat(retried.state().itemsLastRun()).isEqualTo(MESSAGES);
    }

    @Test
    void a_checkpoint_page_token_gmail_no_longer_accepts_restarts_the_listing_and_still_converges() {
        Linked user = aMailbox();
        AtomicInteger pages = new AtomicInteger();
        harness.sync(job, user.key(Source.GMAIL), () -> pages.incrementAndGet() == 2);
        harness.ledger.jdbc.sql("UPDATE sync_state SET checkpoint_page_token = 'not-a-token' WHERE id = ?")
                .param(harness.state(user, Source.GMAIL).id()).update();
        String seenThenDeleted = admin.groundTruth(user.email()).messages().get(0).id();
        admin.deleteMessage(user.email(), seenThenDeleted);

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.FULL);
        assertThat(stored.live(user.connectionId()))
                .isEqualTo(StoredMessages.expected(admin.groundTruth(user.email())));
        assertThat(stored.tombstoned(user.connectionId())).containsExactly(seenThenDeleted);
    }

    @Test
    void the_safety_valve_keeps_the_copy_when_almost_everything_vanished_until_an_operator_forces_the_resync() {
        Linked user = aMailbox();
        assertThat(sync(user).completed()).isTrue();
        List<MessageView> before = admin.groundTruth(user.email()).messages();
        before.subList(0, 37).forEach(m -> admin.deleteMessage(user.email(), m.id()));
        admin.expireCursors(user.email());

        Run held = sync(user);

        assertThat(held.completed()).as("%s", held.error()).isTrue();
        assertThat(held.state().lastError()).contains("safety valve").contains("37 of 40");
        assertThat(stored.live(user.connectionId())).hasSize(MESSAGES);
        assertThat(stored.tombstoned(user.connectionId())).isEmpty();

        SyncState forced = harness.ledger.states.forceFullResync(harness.state(user, Source.GMAIL), "operator");
        assertThat(forced.forceFullSync()).isTrue();
        Run applied = sync(user);

        assertThat(applied.completed()).as("%s", applied.error()).isTrue();
        assertThat(applied.state().lastError()).isNull();
        assertThat(applied.state().forceFullSync()).isFalse();
        assertThat(stored.live(user.connectionId()))
                .isEqualTo(StoredMessages.expected(admin.groundTruth(user.email())));
        assertThat(stored.tombstoned(user.connectionId())).hasSize(37);
        assertThat(lastRun(user).counts()).isEqualTo(new SyncCounts(0, 0, 37));
    }

    @Test
    void an_access_token_expiring_mid_sync_is_refreshed_without_the_run_noticing() {
        Linked user = aMailbox();
        assertThat(sync(user).completed()).isTrue();
        String tokenBefore = harness.tokens.current(user.connectionId()).value();
        admin.expireCursors(user.email());
        AtomicInteger pages = new AtomicInteger();

        Run run = harness.sync(job, user.key(Source.GMAIL), () -> {
            if (pages.incrementAndGet() == 1) {
                admin.expireAccessTokens(user.email());
            }
            return false;
        });

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(harness.tokens.current(user.connectionId()).value()).isNotEqualTo(tokenBefore);
        assertThat(stored.live(user.connectionId()))
                .isEqualTo(StoredMessages.expected(admin.groundTruth(user.email())));
    }

    @Test
    void a_grant_revoked_mid_sync_ends_the_run_needing_reauthorisation_and_keeps_the_checkpoint() {
        Linked user = aMailbox();
        AtomicInteger pages = new AtomicInteger();

        Run run = harness.sync(pageByPage, user.key(Source.GMAIL), () -> {
            if (pages.incrementAndGet() == 1) {
                admin.revokeGrant(user.email());
            }
            return false;
        });

        assertThat(run.error()).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(run.state().status()).isEqualTo(SyncStatus.NEEDS_REAUTH);
        assertThat(run.state().checkpoint().counts()).isEqualTo(new SyncCounts(10, 0, 0));
        assertThat(stored.live(user.connectionId())).hasSize(PAGE);
    }

    @Test
    void a_server_error_fails_the_run_for_the_workers_backoff() {
        Linked user = aMailbox();
        admin.userFaults(user.email(), FaultPlan.errors500(1.0));
        try {
            Run run = sync(user);

            assertThat(run.state().status()).isEqualTo(SyncStatus.ERROR);
            assertThat(run.state().lastError()).contains("500");
            assertThat(run.state().consecutiveErrors()).isEqualTo(1);
        } finally {
            admin.userFaults(user.email(), null);
        }
    }

    @Test
    void a_message_postgres_cannot_store_is_skipped_and_named_in_the_runs_warning() {
        Linked user = aMailbox();
        assertThat(sync(user).completed()).isTrue();
        MessageView poisoned = admin.addMessage(user.email(), NewMessage.of("nul \u0000 in the subject"));
        MessageView fine = admin.addMessage(user.email(), NewMessage.of("an ordinary message"));

        Run run = sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(run.state().lastError()).isEqualTo("skipped 1 malformed Gmail message: " + poisoned.id()
                + " (contains NUL characters, which Postgres cannot store)");
        Map<String, StoredMessages.Row> expected = StoredMessages.expected(admin.groundTruth(user.email()));
        expected.remove(poisoned.id());
        assertThat(stored.live(user.connectionId())).isEqualTo(expected).containsKey(fine.id());

        Run next = sync(user);
        assertThat(next.completed()).isTrue();
        assertThat(next.state().lastError()).as("the warning belongs to the run that skipped").isNull();
    }

    @Test
    void a_malformed_message_in_a_full_sync_counts_as_seen_so_its_older_stored_copy_stays_as_it_was() {
        Linked user = aMailbox();
        assertThat(sync(user).completed()).isTrue();
        MessageView poisoned = admin.addMessage(user.email(), NewMessage.of("nul \u0000 in the subject"));
        // the copy an earlier sync stored, before Gmail began sending the message in a form Postgres cannot hold
        harness.items.write(SyncedTables.GMAIL_MESSAGE, user.connectionId(), List.of(SyncedItem.live(
                List.of(poisoned.id()), Map.of("subject", "the older copy", "internal_date", Instant.EPOCH),
                "{\"id\": \"" + poisoned.id() + "\"}")), null);
        String before = stored.raw(user.connectionId(), poisoned.id());
        admin.expireCursors(user.email());

        Run resync = sync(user);

        assertThat(resync.completed()).as("%s", resync.error()).isTrue();
        assertThat(lastRun(user).mode()).isEqualTo(SyncMode.FULL);
        assertThat(stored.tombstoned(user.connectionId())).as("Gmail still has it: the sweep spares it").isEmpty();
        assertThat(stored.live(user.connectionId()).get(poisoned.id()).subject()).isEqualTo("the older copy");
        assertThat(stored.raw(user.connectionId(), poisoned.id())).isEqualTo(before);
        String warning = "skipped 1 malformed Gmail message: " + poisoned.id()
                + " (contains NUL characters, which Postgres cannot store)";
        assertThat(resync.state().lastError()).isEqualTo(warning);
        assertThat(lastRun(user).error()).as("the run's record keeps the warning").isEqualTo(warning);
    }

    @Test
    void a_message_skipped_before_a_worker_died_is_reported_by_the_attempt_that_completes_the_full_sync() {
        Linked user = aMailbox();
        MessageView poisoned = admin.addMessage(user.email(), NewMessage.of("nul \u0000 in the subject"));

        // newest first: the poisoned message is on the first page, and the worker dies once that page committed
        SyncState recovered = harness.killedAndRecovered(job, user.key(Source.GMAIL), () -> {
            SyncCheckpoint committed = harness.state(user, Source.GMAIL).checkpoint();
            return committed != null && !committed.skipped().isEmpty();
        });

        assertThat(lastRun(user).outcome()).isEqualTo(SyncRunOutcome.INTERRUPTED);
        assertThat(recovered.checkpoint().pageToken()).isNotNull();
        assertThat(recovered.checkpoint().skipped()).isEqualTo(new SkippedSoFar(1, List.of(new SkippedSoFar.Item(
                poisoned.id(), "contains NUL characters, which Postgres cannot store"))));

        Run resumed = sync(user);

        assertThat(resumed.completed()).as("%s", resumed.error()).isTrue();
        String warning = "skipped 1 malformed Gmail message: " + poisoned.id()
                + " (contains NUL characters, which Postgres cannot store)";
        assertThat(resumed.state().lastError()).isEqualTo(warning);
        assertThat(lastRun(user).outcome()).isEqualTo(SyncRunOutcome.SUCCEEDED);
        assertThat(lastRun(user).error()).isEqualTo(warning);
        Map<String, StoredMessages.Row> expected = StoredMessages.expected(admin.groundTruth(user.email()));
        expected.remove(poisoned.id());
        assertThat(stored.live(user.connectionId())).isEqualTo(expected);
    }

    @Test
    void a_resync_that_changes_nothing_still_counts_every_message_it_examined() {
        Linked user = aMailbox();
        assertThat(sync(user).completed()).isTrue();
        admin.expireCursors(user.email());
        AtomicInteger pages = new AtomicInteger();

        Run stopped = harness.sync(job, user.key(Source.GMAIL), () -> pages.incrementAndGet() == 2);

        SyncCheckpoint checkpoint = stopped.state().checkpoint();
        assertThat(checkpoint.phase()).isEqualTo(GmailFullSync.PHASE);
        assertThat(checkpoint.counts()).as("nothing changed").isEqualTo(SyncCounts.ZERO);
        assertThat(checkpoint.examined()).as("yet two pages were read and compared").isEqualTo(2 * PAGE);
        assertThat(lastRun(user).examined()).as("the handed-back attempt's record").isEqualTo(2 * PAGE);

        Run resumed = sync(user);

        assertThat(resumed.completed()).as("%s", resumed.error()).isTrue();
        assertThat(lastRun(user).counts()).isEqualTo(SyncCounts.ZERO);
        assertThat(lastRun(user).examined()).as("the resumed attempt carries on counting").isEqualTo(MESSAGES);
        assertThat(resumed.state().itemsLastRun()).as("items last run stay what changed").isZero();
    }

    private Linked aMailbox() {
        return harness.link(users.incrementAndGet());
    }

    private Run sync(Linked user) {
        return harness.sync(job, user.key(Source.GMAIL));
    }

    private SyncRun lastRun(Linked user) {
        return harness.ledger.runs.recent(user.key(Source.GMAIL), 1).get(0);
    }
}
