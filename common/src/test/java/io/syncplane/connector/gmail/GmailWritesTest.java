package io.syncplane.connector.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.connector.CountingWriter;
import io.syncplane.connector.OutboxFixture;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import io.syncplane.domain.Source;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleProperties;
import java.time.Duration;
import org.apache.http.HttpRequestInterceptor;
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

    @Test
    void a_connection_granted_only_read_access_fails_the_change_with_how_to_fix_it() {
        Linked user = synced();
        String id = admin.groundTruth(user.email()).messages().get(0).id();
        OutboundOperation op = record(user, id, seq(user, id), Map.of("addLabelIds", List.of("STARRED")));
        // what a grant from before two-way sync carries: the read-only scope alone
        String readOnly = admin.accessToken(user.email(), List.of("https://www.googleapis.com/auth/gmail.readonly"));

        Run run = fixture.run(fixture.drain(new GmailWriter(withToken(readOnly)), WriteSettings.defaults()), job,
                user);

        assertThat(run.completed()).as("one refused change does not fail the sync: %s", run.error()).isTrue();
        assertThat(fixture.reread(op).state()).isEqualTo(OperationState.FAILED);
        assertThat(fixture.reread(op).lastError()).contains("403").contains("insufficientPermissions")
                .contains("re-link it with the write scopes");
        assertThat(message(user, id).labelIds()).doesNotContain("STARRED");
    }

    /** The harness's clients, with every request sent under {@code token} instead of the connection's own. */
    private GoogleClients withToken(String token) {
        OAuthCredentials any = admin.credentials(admin.email(1));
        GoogleProperties properties = new GoogleProperties(harness.emulator.rootUrl(), harness.emulator.tokenUrl(),
                List.of(new GoogleProperties.OAuthClient(any.clientId(), any.clientSecret())),
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(5));
        ApacheHttpTransport transport = new ApacheHttpTransport(ApacheHttpTransport.newDefaultHttpClientBuilder()
                .addInterceptorLast((HttpRequestInterceptor) (request, context) ->
                        request.setHeader("Authorization", "Bearer " + token)).build());
        return new GoogleClients(transport, GsonFactory.getDefaultInstance(), harness.tokens, properties);
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
