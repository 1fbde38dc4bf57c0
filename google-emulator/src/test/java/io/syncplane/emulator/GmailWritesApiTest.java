package io.syncplane.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.ModifyMessageRequest;
import com.google.api.services.gmail.model.WatchRequest;
import io.syncplane.emulator.admin.MessageView;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.oauth.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** messages.modify / trash / untrash through the real Gmail client: history, push, quota units, scopes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailWritesApiTest {

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private PushReceiver receiver;
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() throws IOException {
        receiver = new PushReceiver();
        emulator = GoogleEmulator.builder().users(4).messagesPerUser(5).clock(clock)
                .pubsubPushEndpoint(receiver.url("/webhooks/gmail")).start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
        receiver.close();
    }

    @Test
    void modifyWritesLabelHistoryThatAnIncrementalSyncFromBeforeSees() throws IOException {
        String email = emulator.admin().email(1);
        Gmail gmail = clients.gmail(email);
        MessageView target = emulator.admin().addMessage(email, NewMessage.of("to be read")
                .withLabels(List.of("INBOX", "UNREAD")));
        BigInteger cursor = gmail.users().getProfile("me").execute().getHistoryId();

        Message modified = gmail.users().messages().modify("me", target.id(), new ModifyMessageRequest()
                .setAddLabelIds(List.of("STARRED")).setRemoveLabelIds(List.of("UNREAD", "INBOX"))).execute();

        assertThat(modified.getId()).isEqualTo(target.id());
        assertThat(modified.getThreadId()).isEqualTo(target.threadId());
        assertThat(modified.getLabelIds()).containsExactly("STARRED");
        assertThat(modified.getHistoryId()).isGreaterThan(cursor)
                .isEqualTo(BigInteger.valueOf(emulator.admin().historyId(email)));
        ListHistoryResponse history = gmail.users().history().list("me").setStartHistoryId(cursor).execute();
        List<History> records = history.getHistory();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).getLabelsAdded()).singleElement().satisfies(added -> {
            assertThat(added.getMessage().getId()).isEqualTo(target.id());
            assertThat(added.getLabelIds()).containsExactly("STARRED");
        });
        assertThat(records.get(1).getLabelsRemoved()).singleElement().satisfies(removed ->
                assertThat(removed.getLabelIds()).containsExactlyInAnyOrder("UNREAD", "INBOX"));
        // the admin ground truth sees the write
        assertThat(emulator.admin().groundTruth(email).messages()).filteredOn(m -> m.id().equals(target.id()))
                .singleElement().satisfies(m -> assertThat(m.labelIds()).containsExactly("STARRED"));
    }

    @Test
    void trashAndUntrashAddAndRemoveTheTrashLabel() throws IOException {
        String email = emulator.admin().email(2);
        Gmail gmail = clients.gmail(email);
        MessageView target = emulator.admin().addMessage(email, NewMessage.of("bin me"));
        BigInteger cursor = gmail.users().getProfile("me").execute().getHistoryId();

        Message trashed = gmail.users().messages().trash("me", target.id()).execute();
        assertThat(trashed.getLabelIds()).contains("TRASH");
        assertThat(gmail.users().messages().list("me").execute().getMessages())
                .extracting(Message::getId).doesNotContain(target.id());
        Message restored = gmail.users().messages().untrash("me", target.id()).execute();
        assertThat(restored.getLabelIds()).doesNotContain("TRASH");

        List<History> records = gmail.users().history().list("me").setStartHistoryId(cursor).execute().getHistory();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).getLabelsAdded().get(0).getLabelIds()).containsExactly("TRASH");
        assertThat(records.get(1).getLabelsRemoved().get(0).getLabelIds()).containsExactly("TRASH");
    }

    @Test
    void unknownLabelIsInvalidArgumentAndUnknownMessageNotFound() throws IOException {
        String email = emulator.admin().email(1);
        Gmail gmail = clients.gmail(email);
        MessageView target = emulator.admin().addMessage(email, NewMessage.of("x"));
        long before = emulator.admin().historyId(email);
        GoogleJsonResponseException e = catchGoogle(() -> gmail.users().messages().modify("me", target.id(),
                new ModifyMessageRequest().setAddLabelIds(List.of("Label_404"))).execute());
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().getMessage()).isEqualTo("Invalid label: Label_404");
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("invalidArgument");
        assertThat(emulator.admin().historyId(email)).isEqualTo(before);
        assertThat(catchGoogle(() -> gmail.users().messages().trash("me", "00000000000000aa").execute())
                .getStatusCode()).isEqualTo(404);
    }

    @Test
    void eachWriteCostsFiveQuotaUnits() throws IOException {
        String email = emulator.admin().email(3);
        Gmail gmail = clients.gmail(email);
        MessageView target = emulator.admin().addMessage(email, NewMessage.of("count me"));
        gmail.users().getProfile("me").execute(); // refreshes the token first, so only API calls are counted below
        long units = emulator.admin().requestCounts(email, Api.GMAIL).units();
        long requests = emulator.admin().requestCounts(email, Api.GMAIL).requests();
        gmail.users().messages().modify("me", target.id(),
                new ModifyMessageRequest().setAddLabelIds(List.of("STARRED"))).execute();
        gmail.users().messages().trash("me", target.id()).execute();
        gmail.users().messages().untrash("me", target.id()).execute();
        assertThat(emulator.admin().requestCounts(email, Api.GMAIL).units() - units).isEqualTo(15);
        assertThat(emulator.admin().requestCounts(email, Api.GMAIL).requests() - requests).isEqualTo(3);
    }

    @Test
    void aReadOnlyTokenMayReadButNotWrite() throws IOException {
        String email = emulator.admin().email(1);
        MessageView target = emulator.admin().addMessage(email, NewMessage.of("read only"));
        Gmail readOnly = clients.gmail(EmulatorClients.bearer(
                emulator.admin().accessToken(email, Scopes.READ_ONLY.values())));
        assertThat(readOnly.users().messages().get("me", target.id()).execute().getId()).isEqualTo(target.id());
        GoogleJsonResponseException e = catchGoogle(() -> readOnly.users().messages().trash("me", target.id())
                .execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getMessage()).isEqualTo("Request had insufficient authentication scopes.");
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
        assertThat(e.getDetails().getErrors().get(0).getMessage()).isEqualTo("Insufficient Permission");
        assertThat(e.getDetails().get("status")).isEqualTo("PERMISSION_DENIED");
        Gmail fullMail = clients.gmail(EmulatorClients.bearer(
                emulator.admin().accessToken(email, List.of("https://mail.google.com/"))));
        assertThat(fullMail.users().messages().trash("me", target.id()).execute().getLabelIds()).contains("TRASH");
    }

    @Test
    void aWriteFiresTheWatchPush() throws Exception {
        String email = emulator.admin().email(4);
        Gmail gmail = clients.gmail(email);
        MessageView target = emulator.admin().addMessage(email, NewMessage.of("watch me"));
        gmail.users().watch("me", new WatchRequest().setTopicName("projects/syncplane/topics/gmail")
                .setLabelIds(List.of("INBOX"))).execute();
        int before = receiver.pushes().size();
        Message archived = gmail.users().messages().modify("me", target.id(),
                new ModifyMessageRequest().setRemoveLabelIds(List.of("INBOX"))).execute();
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.pushes().size() > before);
        JsonNode envelope = Json.MAPPER.readTree(receiver.pushes().get(receiver.pushes().size() - 1).body());
        JsonNode data = Json.MAPPER.readTree(Base64.getDecoder().decode(envelope.at("/message/data").asString()));
        assertThat(data.get("emailAddress").asString()).isEqualTo(email);
        assertThat(data.get("historyId").asString()).isEqualTo(archived.getHistoryId().toString());
    }
}
