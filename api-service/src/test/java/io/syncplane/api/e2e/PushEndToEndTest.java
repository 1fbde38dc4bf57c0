package io.syncplane.api.e2e;

import static io.syncplane.api.e2e.E2eSupport.awaitSyncedAfter;
import static io.syncplane.api.support.ServiceStart.freePort;
import static io.syncplane.api.e2e.E2eSupport.linkThroughOAuth;
import static io.syncplane.api.e2e.E2eSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.e2e.E2eSupport.Feed;
import io.syncplane.api.support.ApiClient;
import io.syncplane.emulator.EmulatorBuilder;
import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.calendar.NewEvent;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.push.PushSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Push end to end: the api-service's webhooks, a real worker and the emulator's real pushes (a Pub/Sub POST with a
 * signed OIDC token for Gmail, channel notifications for Calendar). After the first syncs the worker registers a Gmail
 * watch and a Calendar channel pointed at the api-service; every poll is an hour away, so a change reaching the change
 * feed within seconds, through a run whose trigger is "push", came by push and nothing else.
 */
class PushEndToEndTest {

    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(60);

    private static GoogleEmulator emulator;
    private static E2eServices services;
    private static ApiClient client;

    @BeforeAll
    static void start() throws IOException {
        int apiPort = freePort(); // the webhook URLs are handed to the emulator and the worker before the api starts
        String baseUrl = "http://127.0.0.1:" + apiPort;
        String gmailWebhook = baseUrl + "/webhooks/google/gmail";
        EmulatorBuilder google = GoogleEmulator.builder().users(2).seed(23).messagesPerUser(15).eventsPerUser(5)
                .contactsPerUser(3).tasksPerUser(2).pubsubPushEndpoint(gmailWebhook)
                .pushRetryBackoff(Duration.ofMillis(200));
        Map<String, String> push = new LinkedHashMap<>();
        push.put("syncplane.push.enabled", "true");
        push.put("syncplane.push.gmail-topic", "projects/syncplane-e2e/topics/gmail");
        push.put("syncplane.push.calendar-webhook-url", baseUrl + "/webhooks/google/calendar");
        // Pub/Sub's default audience is the push endpoint's URL; the emulator does the same
        push.put("syncplane.push.push-audience", gmailWebhook);
        push.put("syncplane.push.push-service-account", PushSettings.defaults().serviceAccountEmail());
        // no poll may fall due during the test, whatever the push status
        push.put("syncplane.push.safety-poll-interval", "1h");
        push.put("syncplane.push.degraded-poll-interval", "1h");
        services = E2eServices.start(google, apiPort, push);
        emulator = services.emulator();
        client = services.client();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void a_new_message_and_a_new_event_reach_the_feed_by_push_alone() throws Exception {
        String email = emulator.admin().email(1);
        long userId = client.post("/v1/users", Map.of("externalId", "push-e2e-user")).json().get("id").asLong();
        long connectionId = linkThroughOAuth(client, userId, email);
        awaitSyncedAfter(client, userId, Map.of());

        await("the worker registers a Gmail watch and a Calendar channel at Google and stores them", () ->
                emulator.admin().gmailWatch(email).isPresent() && !emulator.admin().calendarChannels(email).isEmpty()
                        && !source(connectionId, "gmail").get("push").get("channelExpiresAt").isNull()
                        && !source(connectionId, "calendar").get("push").get("channelExpiresAt").isNull());
        Feed initial = readAll(client, userId, null);
        Instant mutated = Instant.now();

        String message = emulator.admin().addMessage(email, NewMessage.of("pushed")).id();
        Feed afterMessage = awaitChange(userId, initial.next(), "gmail upsert " + message);
        assertThat(newestRun(connectionId, "gmail").get("trigger").asString()).isEqualTo("push");

        String calendarId = emulator.admin().groundTruth(email).eventsByCalendar().keySet().iterator().next();
        String event = emulator.admin().addEvent(email, calendarId,
                NewEvent.of("pushed", Instant.parse("2026-06-01T10:00:00Z"), Duration.ofHours(1))).id();
        awaitChange(userId, afterMessage.next(), "calendar upsert " + event);
        assertThat(newestRun(connectionId, "calendar").get("trigger").asString()).isEqualTo("push");

        for (String source : List.of("gmail", "calendar")) {
            JsonNode push = source(connectionId, source).get("push");
            assertThat(push.get("status").asString()).as(source + ": " + push).isEqualTo("active");
            assertThat(push.get("lastNotificationAt").isNull()).as(source + ": " + push).isFalse();
        }
        for (String source : List.of("contacts", "tasks")) {
            assertThat(source(connectionId, source).get("push").get("status").asString()).isEqualTo("polled");
        }
        // since the first syncs, only push-triggered runs: no poll ran
        for (String source : List.of("gmail", "calendar", "contacts", "tasks")) {
            for (JsonNode run : client.get("/v1/connections/" + connectionId + "/sources/" + source + "/runs")
                    .json().get("runs")) {
                if (Instant.parse(run.get("startedAt").asString()).isAfter(mutated)) {
                    assertThat(run.get("trigger").asString()).as(source + " run " + run).isEqualTo("push");
                }
            }
        }
    }

    private static Feed awaitChange(long userId, String since, String key) throws InterruptedException {
        Instant deadline = Instant.now().plus(PUSH_TIMEOUT);
        while (true) {
            Feed feed = readAll(client, userId, since);
            if (feed.keys().contains(key)) {
                return feed;
            }
            assertThat(Instant.now()).as(key + " reached the feed by push; so far " + feed.keys()
                    + "; push stats " + emulator.admin().pushStats()).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PUSH_TIMEOUT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static JsonNode source(long connectionId, String source) {
        return client.get("/v1/connections/" + connectionId + "/sources/" + source).json();
    }

    private static JsonNode newestRun(long connectionId, String source) {
        return client.get("/v1/connections/" + connectionId + "/sources/" + source + "/runs?limit=1").json()
                .get("runs").get(0);
    }
}
