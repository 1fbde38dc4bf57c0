package io.syncplane.emulator;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.WatchRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.syncplane.emulator.calendar.NewEvent;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PushTest {

    private PushReceiver receiver;
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeEach
    void start() throws Exception {
        receiver = new PushReceiver();
        emulator = GoogleEmulator.builder().users(3).messagesPerUser(5).eventsPerUser(3)
                .pubsubPushEndpoint(receiver.url("/webhooks/gmail")).pushRetryBackoff(Duration.ofMillis(50))
                .quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
        receiver.close();
    }

    @Test
    void gmailPushIsAPubSubEnvelopeSignedWithAJwtThatVerifiesAgainstTheJwks() throws Exception {
        String email = emulator.admin().email(1);
        watchInbox(email);
        emulator.admin().addMessage(email, NewMessage.of("push me"));

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.pushes().size() == 1);
        PushReceiver.Push push = receiver.pushes().get(0);
        assertThat(push.path()).isEqualTo("/webhooks/gmail");
        JsonNode envelope = Json.MAPPER.readTree(push.body());
        JsonNode data = Json.MAPPER.readTree(Base64.getDecoder().decode(envelope.at("/message/data").asString()));
        assertThat(data.get("emailAddress").asString()).isEqualTo(email);
        assertThat(data.get("historyId").asLong()).isEqualTo(emulator.admin().historyId(email));
        assertThat(envelope.at("/message/messageId").asString()).isNotBlank();
        assertThat(envelope.at("/message/publishTime").asString()).isNotBlank();
        assertThat(envelope.get("subscription").asString()).isEqualTo("projects/syncplane/subscriptions/gmail-push");

        String authorization = push.header("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.jwksUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        RSAKey key = JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("https://accounts.google.com");
        assertThat(claims.getAudience()).containsExactly(receiver.url("/webhooks/gmail"));
        assertThat(claims.getStringClaim("email")).isEqualTo(emulator.admin().pushSettings().serviceAccountEmail());
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    }

    @Test
    void gmailPushesAreCoalescedToAtMostOnePerSecondPerUser() throws Exception {
        String email = emulator.admin().email(1);
        watchInbox(email);
        emulator.admin().addMessage(email, NewMessage.of("first"));
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.pushes().size() == 1);
        for (int i = 0; i < 4; i++) {
            emulator.admin().addMessage(email, NewMessage.of("burst " + i));
        }
        long latest = emulator.admin().historyId(email);
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.pushes().size() == 2);
        List<PushReceiver.Push> pushes = receiver.pushes();
        long gapMillis = (pushes.get(1).receivedNanos() - pushes.get(0).receivedNanos()) / 1_000_000;
        assertThat(gapMillis).isGreaterThanOrEqualTo(900);
        assertThat(historyIdOf(pushes.get(1))).isEqualTo(latest);
        await().during(Duration.ofMillis(1300)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.pushes().size() == 2);
    }

    private static long historyIdOf(PushReceiver.Push push) {
        JsonNode envelope = Json.MAPPER.readTree(push.body());
        return Json.MAPPER.readTree(Base64.getDecoder().decode(envelope.at("/message/data").asString()))
                .get("historyId").asLong();
    }

    @Test
    void gmailPushRespectsLabelFiltersDropsAndRedelivers() throws Exception {
        String email = emulator.admin().email(2);
        watchInbox(email);
        emulator.admin().addMessage(email, NewMessage.of("sent only").withLabels(List.of("SENT")));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> receiver.pushes().isEmpty());

        receiver.failNext(2);
        emulator.admin().addMessage(email, NewMessage.of("to inbox"));
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.pushes().size() == 1);
        assertThat(receiver.failures()).isEqualTo(2);

        emulator.admin().pushSettings(emulator.admin().pushSettings().withGmailDropRate(1.0));
        emulator.admin().addMessage(email, NewMessage.of("lost"));
        await().atMost(Duration.ofSeconds(3)).until(() -> emulator.admin().pushStats().gmailDropped() == 1);
        assertThat(receiver.pushes()).hasSize(1);
    }

    @Test
    void topicOverrideRoutesPushesElsewhere() throws Exception {
        String email = emulator.admin().email(3);
        clients.gmail(email).users().watch("me", new WatchRequest().setTopicName("projects/other/topics/t"))
                .execute();
        emulator.admin().topicEndpoint("projects/other/topics/t", receiver.url("/other"));
        emulator.admin().addMessage(email, NewMessage.of("elsewhere"));
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.pushes().size() == 1);
        assertThat(receiver.pushes().get(0).path()).isEqualTo("/other");
    }

    @Test
    void calendarChannelSendsSyncFirstThenIncreasingMessageNumbers() throws Exception {
        String email = emulator.admin().email(1);
        Calendar calendar = clients.calendar(email);
        com.google.api.services.calendar.model.Channel channel = calendar.events().watch("primary",
                new com.google.api.services.calendar.model.Channel().setId("channel-1").setType("web_hook")
                        .setAddress(receiver.url("/webhooks/calendar")).setToken("secret-token")).execute();
        assertThat(channel.getResourceId()).isNotBlank();
        assertThat(channel.getExpiration()).isGreaterThan(System.currentTimeMillis());

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.pushes().size() == 1);
        receiver.failNext(1);
        for (int i = 0; i < 3; i++) {
            emulator.admin().addEvent(email, "primary",
                    NewEvent.of("Meeting " + i, Instant.parse("2026-02-01T10:00:00Z"), Duration.ofHours(1)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.pushes().size() == 4);
        List<PushReceiver.Push> pushes = receiver.pushes();
        assertThat(pushes.get(0).header("X-Goog-Resource-State")).isEqualTo("sync");
        assertThat(pushes.get(0).header("X-Goog-Message-Number")).isEqualTo("1");
        long previous = 1;
        for (PushReceiver.Push push : pushes.subList(1, 4)) {
            assertThat(push.header("X-Goog-Resource-State")).isEqualTo("exists");
            long number = Long.parseLong(push.header("X-Goog-Message-Number"));
            assertThat(number).isGreaterThan(previous);
            previous = number;
        }
        for (PushReceiver.Push push : pushes) {
            assertThat(push.header("X-Goog-Channel-ID")).isEqualTo("channel-1");
            assertThat(push.header("X-Goog-Channel-Token")).isEqualTo("secret-token");
            assertThat(push.header("X-Goog-Resource-ID")).isEqualTo(channel.getResourceId());
            assertThat(push.header("X-Goog-Resource-URI")).isEqualTo(channel.getResourceUri());
            assertThat(push.header("X-Goog-Channel-Expiration")).endsWith("GMT");
            assertThat(push.body()).isEmpty();
        }
        assertThat(receiver.failures()).isEqualTo(1);

        calendar.channels().stop(new com.google.api.services.calendar.model.Channel().setId("channel-1")
                .setResourceId(channel.getResourceId())).execute();
        emulator.admin().addEvent(email, "primary",
                NewEvent.of("After stop", Instant.parse("2026-02-02T10:00:00Z"), Duration.ofHours(1)));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> receiver.pushes().size() == 4);
        assertThat(GmailApiTest.catchGoogle(() -> calendar.channels().stop(
                new com.google.api.services.calendar.model.Channel().setId("channel-1")
                        .setResourceId(channel.getResourceId())).execute()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void duplicateChannelIdsAndBadAddressesAreRejected() throws Exception {
        Calendar calendar = clients.calendar(emulator.admin().email(2));
        com.google.api.services.calendar.model.Channel request = new com.google.api.services.calendar.model.Channel()
                .setId("dup").setType("web_hook").setAddress(receiver.url("/c"));
        calendar.events().watch("primary", request).execute();
        assertThat(GmailApiTest.catchGoogle(() -> calendar.events().watch("primary", request).execute())
                .getDetails().getErrors().get(0).getReason()).isEqualTo("channelIdNotUnique");
        assertThat(GmailApiTest.catchGoogle(() -> calendar.events().watch("primary",
                new com.google.api.services.calendar.model.Channel().setId("x").setType("web_hook")
                        .setAddress("not a url")).execute()).getStatusCode()).isEqualTo(400);
    }

    private void watchInbox(String email) throws Exception {
        Gmail gmail = clients.gmail(email);
        gmail.users().watch("me", new WatchRequest().setTopicName("projects/syncplane/topics/gmail")
                .setLabelIds(List.of("INBOX"))).execute();
    }
}
