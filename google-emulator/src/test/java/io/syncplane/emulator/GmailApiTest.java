package io.syncplane.emulator;

import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePartHeader;
import com.google.api.services.gmail.model.Profile;
import com.google.api.services.gmail.model.WatchRequest;
import com.google.api.services.gmail.model.WatchResponse;
import io.syncplane.emulator.admin.MessageView;
import io.syncplane.emulator.gmail.NewMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailApiTest {

    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(5).seed(7).messagesPerUser(45).quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void messagesListPagesThroughTheWholeMailboxNewestFirst() throws IOException {
        Gmail gmail = clients.gmail(emulator.admin().email(1));
        List<String> ids = new ArrayList<>();
        String pageToken = null;
        int pages = 0;
        do {
            ListMessagesResponse page = gmail.users().messages().list("me").setMaxResults(10L)
                    .setIncludeSpamTrash(true).setPageToken(pageToken).execute();
            page.getMessages().forEach(message -> ids.add(message.getId()));
            assertThat(page.getResultSizeEstimate()).isEqualTo(45);
            pageToken = page.getNextPageToken();
            pages++;
        } while (pageToken != null);
        assertThat(pages).isEqualTo(5);
        assertThat(ids).hasSize(45).doesNotHaveDuplicates();
        List<String> truth = emulator.admin().groundTruth(emulator.admin().email(1)).messages().stream()
                .map(MessageView::id).toList();
        assertThat(ids).isEqualTo(truth);
    }

    @Test
    void messagesListFiltersByLabelAndHidesSpamAndTrashByDefault() throws IOException {
        Gmail gmail = clients.gmail(emulator.admin().email(2));
        List<Message> inbox = gmail.users().messages().list("me").setLabelIds(List.of("INBOX")).setMaxResults(500L)
                .execute().getMessages();
        long inboxTruth = emulator.admin().groundTruth(emulator.admin().email(2)).messages().stream()
                .filter(m -> m.labelIds().contains("INBOX")).count();
        assertThat(inbox).hasSize((int) inboxTruth);
        ListMessagesResponse all = gmail.users().messages().list("me").setMaxResults(500L).execute();
        long visible = emulator.admin().groundTruth(emulator.admin().email(2)).messages().stream()
                .filter(m -> !m.labelIds().contains("SPAM") && !m.labelIds().contains("TRASH")).count();
        assertThat(all.getMessages()).hasSize((int) visible);
    }

    @Test
    void messagesGetSpeaksEveryFormat() throws IOException {
        String email = emulator.admin().email(1);
        Gmail gmail = clients.gmail(email);
        MessageView truth = emulator.admin().groundTruth(email).messages().get(0);

        Message minimal = gmail.users().messages().get("me", truth.id()).setFormat("minimal").execute();
        assertThat(minimal.getThreadId()).isEqualTo(truth.threadId());
        assertThat(minimal.getLabelIds()).isEqualTo(truth.labelIds());
        assertThat(minimal.getHistoryId()).isEqualTo(new BigInteger(truth.historyId()));
        assertThat(minimal.getInternalDate()).isEqualTo(truth.internalDate().toEpochMilli());
        assertThat(minimal.getSizeEstimate()).isPositive();
        assertThat(minimal.getPayload()).isNull();

        Message metadata = gmail.users().messages().get("me", truth.id()).setFormat("metadata")
                .setMetadataHeaders(List.of("Subject", "From")).execute();
        assertThat(metadata.getPayload().getHeaders()).extracting(MessagePartHeader::getName)
                .containsExactlyInAnyOrder("Subject", "From");
        assertThat(metadata.getPayload().getHeaders()).extracting(MessagePartHeader::getValue)
                .contains(truth.subject());

        Message full = gmail.users().messages().get("me", truth.id()).execute();
        assertThat(full.getPayload().getParts()).hasSize(2);
        String text = new String(full.getPayload().getParts().get(0).getBody().decodeData(), StandardCharsets.UTF_8);
        assertThat(text.replaceAll("\\s+", " ")).contains(truth.snippet().substring(0, 20));

        Message raw = gmail.users().messages().get("me", truth.id()).setFormat("raw").execute();
        String mime = new String(Base64.getUrlDecoder().decode(raw.getRaw()), StandardCharsets.UTF_8);
        assertThat(mime).contains("Subject: " + truth.subject());
        assertThat(raw.getSizeEstimate()).isEqualTo(mime.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void historyListReportsAddsDeletesAndLabelChangesInOrder() throws IOException {
        String email = emulator.admin().email(3);
        Gmail gmail = clients.gmail(email);
        BigInteger start = gmail.users().getProfile("me").execute().getHistoryId();
        assertThat(gmail.users().history().list("me").setStartHistoryId(start).execute().getHistory()).isNull();

        MessageView added = emulator.admin().addMessage(email, NewMessage.of("hello history"));
        emulator.admin().modifyLabels(email, added.id(), List.of("STARRED"), List.of("UNREAD"));
        emulator.admin().deleteMessage(email, added.id());

        ListHistoryResponse history = gmail.users().history().list("me").setStartHistoryId(start).execute();
        List<History> records = history.getHistory();
        assertThat(records).hasSize(4);
        assertThat(records.get(0).getMessagesAdded().get(0).getMessage().getId()).isEqualTo(added.id());
        assertThat(records.get(0).getMessagesAdded().get(0).getMessage().getLabelIds())
                .containsExactly("INBOX", "UNREAD");
        assertThat(records.get(1).getLabelsAdded().get(0).getLabelIds()).containsExactly("STARRED");
        assertThat(records.get(2).getLabelsRemoved().get(0).getLabelIds()).containsExactly("UNREAD");
        assertThat(records.get(3).getMessagesDeleted().get(0).getMessage().getId()).isEqualTo(added.id());
        assertThat(records).extracting(History::getId).isSorted().doesNotHaveDuplicates();
        assertThat(records.get(0).getMessages().get(0).getThreadId()).isEqualTo(added.threadId());
        assertThat(history.getHistoryId()).isEqualTo(records.get(3).getId());

        ListHistoryResponse onlyDeletes = gmail.users().history().list("me").setStartHistoryId(start)
                .setHistoryTypes(List.of("messageDeleted")).execute();
        assertThat(onlyDeletes.getHistory()).hasSize(1);
        assertThat(onlyDeletes.getHistory().get(0).getMessagesAdded()).isNull();
    }

    @Test
    void historyListPages() throws IOException {
        String email = emulator.admin().email(4);
        Gmail gmail = clients.gmail(email);
        BigInteger start = BigInteger.valueOf(emulator.admin().historyId(email));
        for (int i = 0; i < 7; i++) {
            emulator.admin().addMessage(email, NewMessage.of("paging " + i));
        }
        Set<BigInteger> ids = new HashSet<>();
        String pageToken = null;
        int pages = 0;
        BigInteger last = BigInteger.ZERO;
        do {
            ListHistoryResponse page = gmail.users().history().list("me").setStartHistoryId(start)
                    .setMaxResults(3L).setPageToken(pageToken).execute();
            for (History record : page.getHistory()) {
                assertThat(record.getId()).isGreaterThan(last);
                last = record.getId();
                ids.add(record.getId());
            }
            pageToken = page.getNextPageToken();
            pages++;
        } while (pageToken != null);
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(7);
    }

    @Test
    void aStartHistoryIdFromBeforeTheSeedIsNotFoundRatherThanNoChanges() throws IOException {
        // seeding writes no history, so an older cursor cannot be answered: "no changes" would skip every seeded message
        String email = emulator.admin().email(2);
        Gmail gmail = clients.gmail(email);
        BigInteger seeded = gmail.users().getProfile("me").execute().getHistoryId();
        GoogleJsonResponseException e = catchGoogle(() ->
                gmail.users().history().list("me").setStartHistoryId(seeded.subtract(BigInteger.ONE)).execute());
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
        assertThat(gmail.users().history().list("me").setStartHistoryId(seeded).execute().getHistory()).isNull();
    }

    @Test
    void explicitAddressMustBeTheTokensUser() throws IOException {
        String email = emulator.admin().email(1);
        Gmail gmail = clients.gmail(email);
        assertThat(gmail.users().getProfile(email).execute().getEmailAddress()).isEqualTo(email);
        GoogleJsonResponseException e = catchGoogle(() ->
                gmail.users().getProfile(emulator.admin().email(2)).execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("forbidden");
        assertThat(e.getDetails().get("status")).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void unknownMessageIsGoogleShaped404() {
        Gmail gmail = clients.gmail(emulator.admin().email(1));
        GoogleJsonResponseException e = catchGoogle(() ->
                gmail.users().messages().get("me", "00000000000000aa").execute());
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getDetails().getMessage()).isEqualTo("Requested entity was not found.");
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
        assertThat(e.getDetails().getErrors().get(0).getDomain()).isEqualTo("global");
        assertThat(e.getDetails().get("status")).isEqualTo("NOT_FOUND");
    }

    @Test
    void malformedParametersAreGoogleShaped400s() throws IOException {
        Gmail gmail = clients.gmail(emulator.admin().email(1));
        GoogleJsonResponseException badStart = clients.getError(emulator.admin().email(1),
                "gmail/v1/users/me/history?startHistoryId=xyz");
        assertThat(badStart.getStatusCode()).isEqualTo(400);
        assertThat(badStart.getDetails().getErrors().get(0).getReason()).isEqualTo("invalid");
        assertThat(badStart.getDetails().get("status")).isEqualTo("INVALID_ARGUMENT");

        GoogleJsonResponseException badMax = clients.getError(emulator.admin().email(1),
                "gmail/v1/users/me/messages?maxResults=abc");
        assertThat(badMax.getStatusCode()).isEqualTo(400);
        assertThat(badMax.getDetails().getErrors().get(0).getReason()).isEqualTo("invalid");

        GoogleJsonResponseException badType = catchGoogle(() -> gmail.users().history().list("me")
                .setStartHistoryId(BigInteger.ONE).setHistoryTypes(List.of("messageExploded")).execute());
        assertThat(badType.getStatusCode()).isEqualTo(400);

        GoogleJsonResponseException badFormat = catchGoogle(() -> gmail.users().messages()
                .get("me", "00000000000000aa").setFormat("weird").execute());
        assertThat(badFormat.getStatusCode()).isEqualTo(400);
    }

    @Test
    void watchAcceptsGzippedBodiesAndStopAnswersEmpty() throws IOException {
        String email = emulator.admin().email(2);
        Gmail gmail = clients.gmail(email);
        Gmail.Users.Watch watch = gmail.users().watch("me", new WatchRequest()
                .setTopicName("projects/syncplane/topics/gmail").setLabelIds(List.of("INBOX"))
                .setLabelFilterBehavior("INCLUDE"));
        assertThat(watch.getDisableGZipContent()).isFalse();
        WatchResponse response = watch.execute();
        assertThat(response.getHistoryId()).isEqualTo(BigInteger.valueOf(emulator.admin().historyId(email)));
        assertThat(response.getExpiration())
                .isGreaterThan(emulator.admin().clock().millis() + 6L * 24 * 3600 * 1000);
        assertThat(emulator.admin().gmailWatch(email)).isPresent();

        gmail.users().stop("me").execute();
        assertThat(emulator.admin().gmailWatch(email)).isEmpty();
    }

    @Test
    void watchRejectsBadTopicsAndGarbageJson() {
        Gmail gmail = clients.gmail(emulator.admin().email(2));
        GoogleJsonResponseException badTopic = catchGoogle(() -> gmail.users().watch("me",
                new WatchRequest().setTopicName("not-a-topic")).execute());
        assertThat(badTopic.getStatusCode()).isEqualTo(400);
        assertThat(badTopic.getDetails().getErrors().get(0).getReason()).isEqualTo("invalidArgument");

        GoogleJsonResponseException garbage = catchGoogle(() -> gmail.users().watch("me", new WatchRequest())
                .setDisableGZipContent(true)
                .buildHttpRequest()
                .setContent(new com.google.api.client.http.ByteArrayContent("application/json",
                        "{not json".getBytes(StandardCharsets.UTF_8)))
                .setThrowExceptionOnExecuteError(true)
                .setParser(EmulatorClients.JSON.createJsonObjectParser())
                .execute());
        assertThat(garbage.getStatusCode()).isEqualTo(400);
        assertThat(garbage.getDetails().getErrors().get(0).getReason()).isEqualTo("parseError");
    }

    @Test
    void longUrlsArriveAsPostWithMethodOverride() throws IOException {
        Gmail gmail = clients.gmail(emulator.admin().email(1));
        String id = emulator.admin().groundTruth(emulator.admin().email(1)).messages().get(0).id();
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            headers.add("X-Custom-Header-Number-" + i);
        }
        headers.add("Subject");
        Message message = gmail.users().messages().get("me", id).setFormat("metadata").setMetadataHeaders(headers)
                .execute();
        assertThat(message.getPayload().getHeaders()).extracting(MessagePartHeader::getName)
                .containsExactly("Subject");
    }

    @Test
    void batchedGetsAreAnsweredPartByPart() throws IOException {
        String email = emulator.admin().email(1);
        Gmail gmail = clients.gmail(email);
        List<MessageView> truth = emulator.admin().groundTruth(email).messages().subList(0, 5);
        List<Message> received = new ArrayList<>();
        List<Integer> errors = new ArrayList<>();
        var batch = gmail.batch();
        JsonBatchCallback<Message> callback = new JsonBatchCallback<>() {
            @Override
            public void onSuccess(Message message, HttpHeaders responseHeaders) {
                received.add(message);
            }

            @Override
            public void onFailure(GoogleJsonError error, HttpHeaders responseHeaders) {
                errors.add(error.getCode());
            }
        };
        for (MessageView view : truth) {
            gmail.users().messages().get("me", view.id()).setFormat("metadata").queue(batch, callback);
        }
        gmail.users().messages().get("me", "00000000000000aa").queue(batch, callback);
        batch.execute();
        assertThat(received).extracting(Message::getId)
                .containsExactlyElementsOf(truth.stream().map(MessageView::id).toList());
        assertThat(errors).containsExactly(404);
    }

    @Test
    void unknownPathIsGoogleShaped404() {
        Gmail gmail = clients.gmail(emulator.admin().email(1));
        GoogleJsonResponseException e = catchGoogle(() -> gmail.users().threads().list("me").execute());
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
    }

    @Test
    void profileCountsMessagesAndThreads() throws IOException {
        String email = emulator.admin().email(5);
        Profile profile = clients.gmail(email).users().getProfile("me").execute();
        assertThat(profile.getMessagesTotal()).isEqualTo(45);
        assertThat(profile.getThreadsTotal()).isBetween(1, 45);
    }

    interface Io {
        Object run() throws IOException;
    }

    static GoogleJsonResponseException catchGoogle(Io call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(GoogleJsonResponseException.class);
        GoogleJsonResponseException e = (GoogleJsonResponseException) thrown;
        assertThat(e.getHeaders().getContentType()).isEqualTo("application/json; charset=UTF-8");
        return e;
    }
}
