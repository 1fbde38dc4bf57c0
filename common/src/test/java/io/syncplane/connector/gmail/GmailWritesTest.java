package io.syncplane.connector.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.connector.CountingWriter;
import io.syncplane.connector.OutboxFixture;
import io.syncplane.domain.Source;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.admin.MessageView;
import io.syncplane.store.SyncedTables;
import io.syncplane.writeback.OperationKind;
import io.syncplane.writeback.OperationState;
import io.syncplane.writeback.OutboundDrain;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.WriteSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Gmail label changes through the outbox, the real client and the emulator. They carry no version precondition and
 * never conflict: the latest change simply applies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailWritesTest {

    private ConnectorHarness harness;
    private EmulatorAdmin admin;
    private OutboxFixture fixture;
    private GmailSyncJob job;
    private final AtomicInteger users = new AtomicInteger();

    @BeforeAll
    void start() {
        harness = new ConnectorHarness(b -> b.users(8).messagesPerUser(3));
        admin = harness.emulator.admin();
        fixture = new OutboxFixture(harness);
        job = new GmailSyncJob(harness.clients, harness.items, harness.sweep, harness.ledger.clock,
                GmailSyncSettings.defaults());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void label_changes_trash_and_untrash_land_at_google_and_in_the_feed_once() {
        Linked user = synced();
        OutboundDrain drain = drain();
        String id = admin.groundTruth(user.email()).messages().get(0).id();
        Long base = seq(user, id);

        OutboundOperation star = record(user, id, base,
                Map.of("addLabelIds", List.of("STARRED"), "removeLabelIds", List.of("UNREAD")));
        Run run = fixture.run(drain, job, user);
        OutboundOperation applied = fixture.reread(star);
        Long afterStar = seq(user, id);
        sync(user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(applied.state()).isEqualTo(OperationState.APPLIED);
        assertThat(applied.result().etag()).as("the message's historyId")
                .isEqualTo(message(user, id).historyId());
        assertThat(message(user, id).labelIds()).contains("STARRED").doesNotContain("UNREAD");
        assertThat(fixture.column(SyncedTables.GMAIL_MESSAGE, "label_ids", user.connectionId(), id))
                .contains("STARRED").doesNotContain("UNREAD");
        assertThat(fixture.column(SyncedTables.GMAIL_MESSAGE, "subject", user.connectionId(), id))
                .as("the stored headers are kept").isEqualTo(message(user, id).subject());
        assertThat(afterStar).isGreaterThan(base).isEqualTo(applied.result().version());
        assertThat(seq(user, id)).as("the echo is no new feed position").isEqualTo(afterStar);

        OutboundOperation trash = record(user, id, afterStar, Map.of("trash", true));
        fixture.run(drain, job, user);
        boolean trashed = message(user, id).labelIds().contains("TRASH");
        Long afterTrash = seq(user, id);
        OutboundOperation untrash = record(user, id, afterTrash, Map.of("trash", false));
        fixture.run(drain, job, user);
        Long afterUntrash = seq(user, id);
        sync(user);

        assertThat(fixture.reread(trash).state()).isEqualTo(OperationState.APPLIED);
        assertThat(trashed).isTrue();
        assertThat(fixture.reread(untrash).state()).isEqualTo(OperationState.APPLIED);
        assertThat(message(user, id).labelIds()).doesNotContain("TRASH");
        assertThat(afterUntrash).isGreaterThan(afterTrash);
        assertThat(seq(user, id)).isEqualTo(afterUntrash);

        admin.modifyLabels(user.email(), id, List.of("IMPORTANT"), List.of());
        sync(user);
        assertThat(seq(user, id)).as("a real change at Google is news").isGreaterThan(afterUntrash);
    }

    @Test
    void an_uncertain_label_change_is_simply_sent_again() {
        Linked user = synced();
        String id = admin.groundTruth(user.email()).messages().get(0).id();
        OutboundOperation op = record(user, id, seq(user, id), Map.of("addLabelIds", List.of("STARRED")));
        fixture.outbox.markSending(op);
        CountingWriter writer = new CountingWriter(new GmailWriter(harness.clients));

        Run run = fixture.run(fixture.drain(writer, WriteSettings.defaults()), job, user);

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(writer.sends).as("idempotent: resent").hasValue(1);
        assertThat(fixture.reread(op).state()).isEqualTo(OperationState.APPLIED);
        assertThat(message(user, id).labelIds()).contains("STARRED");
    }

    private OutboundDrain drain() {
        return fixture.drain(new GmailWriter(harness.clients), WriteSettings.defaults());
    }

    private OutboundOperation record(Linked user, String id, Long base, Map<String, Object> fields) {
        return fixture.record(user, Source.GMAIL, OperationKind.UPDATE, null, id, null, base, fields, Instant.now());
    }

    private Linked synced() {
        Linked user = harness.link(users.incrementAndGet());
        Run run = sync(user);
        assertThat(run.completed()).as("%s", run.error()).isTrue();
        return user;
    }

    private Run sync(Linked user) {
        return harness.sync(job, user.key(Source.GMAIL));
    }

    private Long seq(Linked user, String id) {
        return fixture.changeSeq(SyncedTables.GMAIL_MESSAGE, user.connectionId(), id);
    }

    private MessageView message(Linked user, String id) {
        return admin.groundTruth(user.email()).messages().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow();
    }
}
