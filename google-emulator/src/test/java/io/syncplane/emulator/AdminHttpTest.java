package io.syncplane.emulator;

import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin HTTP API, as curl or a demo script would use it, and bad input that must never crash anything. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private GoogleEmulator emulator;
    private String user;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(3).messagesPerUser(4).quotasEnabled(false).start();
        user = emulator.admin().email(1);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void mutationsStateAndSettingsOverHttp() throws Exception {
        JsonNode summary = json(send("GET", "admin", null), 200);
        assertThat(summary.get("users").asInt()).isEqualTo(3);
        assertThat(summary.get("tokenUrl").asString()).isEqualTo(emulator.tokenUrl());

        JsonNode message = json(send("POST", "admin/users/" + user + "/gmail/messages",
                "{\"subject\":\"From curl\",\"body\":\"hi\",\"labelIds\":[\"INBOX\"]}"), 200);
        assertThat(message.get("subject").asString()).isEqualTo("From curl");
        JsonNode labels = json(send("POST", "admin/users/" + user + "/gmail/messages/" + message.get("id").asString()
                + "/labels", "{\"add\":[\"STARRED\"]}"), 200);
        assertThat(labels.get("labelIds").toString()).contains("STARRED");
        json(send("POST", "admin/users/" + user + "/calendar/primary/events",
                "{\"summary\":\"Demo\",\"start\":\"2026-05-01T10:00:00Z\",\"end\":\"2026-05-01T11:00:00Z\"}"), 200);
        JsonNode contact = json(send("POST", "admin/users/" + user + "/contacts",
                "{\"givenName\":\"Ada\",\"familyName\":\"L\",\"email\":\"ada@x.test\"}"), 200);
        String contactId = contact.get("resourceName").asString().substring("people/".length());
        assertThat(send("DELETE", "admin/users/" + user + "/contacts/" + contactId, null).statusCode()).isEqualTo(200);
        JsonNode list = json(send("POST", "admin/users/" + user + "/tasklists", "{\"title\":\"Demo list\"}"), 200);
        json(send("POST", "admin/users/" + user + "/tasklists/" + list.get("id").asString() + "/tasks",
                "{\"title\":\"Demo task\",\"due\":\"2026-05-02\"}"), 200);

        JsonNode state = json(send("GET", "admin/users/" + user + "/state", null), 200);
        assertThat(state.get("messages").size()).isEqualTo(5);
        assertThat(state.toString()).contains("Demo task").contains("\"Demo\"").doesNotContain("ada@x.test");

        JsonNode credentials = json(send("GET", "admin/users/" + user + "/credentials", null), 200);
        assertThat(credentials.get("refreshToken").asString())
                .isEqualTo(emulator.admin().credentials(user).refreshToken());

        json(send("PUT", "admin/faults", "{\"error503Rate\":0.25,\"latencyMs\":5,\"apis\":[\"gmail\"]}"), 200);
        assertThat(emulator.admin().globalFaults().error503Rate()).isEqualTo(0.25);
        assertThat(send("DELETE", "admin/faults", null).statusCode()).isEqualTo(204);
        json(send("PUT", "admin/quotas", "{\"gmailUnitsPerSecond\":100}"), 200);
        assertThat(emulator.admin().quotas().gmailUnitsPerSecond()).isEqualTo(100);
        json(send("PUT", "admin/push", "{\"pubsubEndpoint\":\"http://127.0.0.1:9/x\",\"gmailDropRate\":0.5}"), 200);
        assertThat(emulator.admin().pushSettings().gmailDropRate()).isEqualTo(0.5);

        String counted = emulator.admin().email(2);
        String token = json(send("POST", "admin/users/" + counted + "/access-token", null), 200)
                .get("access_token").asString();
        HttpResponse<String> profile = http.send(HttpRequest.newBuilder(URI.create(emulator.rootUrl()
                + "gmail/v1/users/me/profile")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(profile.statusCode()).isEqualTo(200);
        JsonNode counts = json(send("GET", "admin/users/" + counted + "/requests", null), 200);
        assertThat(counts.at("/GMAIL/requests").asLong()).isEqualTo(1);
        assertThat(emulator.admin().requestCounts(counted, Api.GMAIL).requests()).isEqualTo(1);
        assertThat(send("POST", "admin/users/" + user + "/expire-cursors", null).statusCode()).isEqualTo(204);
    }

    @Test
    void badInputGetsGoogleShapedErrorsAndNeverCrashes() throws Exception {
        assertError(send("GET", "admin/users/nobody@example.test/state", null), 404);
        assertError(send("GET", "admin/users/user99999@example.test/credentials", null), 404);
        assertError(send("POST", "admin/users/" + user + "/gmail/messages", "{oops"), 400);
        assertError(send("POST", "admin/users/" + user + "/gmail/messages", "[1,2]"), 400);
        assertError(send("POST", "admin/users/" + user + "/gmail/messages", "{\"labelIds\":\"INBOX\"}"), 400);
        assertError(send("POST", "admin/users/" + user + "/gmail/messages", "{\"labelIds\":[\"NOPE\"]}"), 400);
        assertError(send("DELETE", "admin/users/" + user + "/gmail/messages/ffffffffffffffff", null), 404);
        assertError(send("POST", "admin/users/" + user + "/calendar/primary/events", "{\"start\":\"soon\"}"), 400);
        assertError(send("PUT", "admin/faults", "{\"error500Rate\":7}"), 400);
        assertError(send("PUT", "admin/activity", "{\"rate\":-1}"), 400);
        assertError(send("PUT", "admin/activity", "{}"), 400);
        assertError(send("GET", "no/such/path", null), 404);
        assertError(send("DELETE", "gmail/v1/users/me/profile", null), 404);
        String token = emulator.admin().accessToken(user);
        for (String path : new String[] {"gmail/v1/users/me/history", "gmail/v1/users/me/history?startHistoryId=-5",
                "gmail/v1/users/me/messages?pageToken=zz", "gmail/v1/users/me/messages/%00",
                "calendar/v3/calendars/primary/events?pageToken=abc", "calendar/v3/calendars/primary/events?timeMin=x",
                "v1/people/me/connections?personFields=names&pageToken=abc",
                "v1/people/me/connections?personFields=names&pageSize=-1",
                "tasks/v1/lists/%40default/tasks?pageToken=abc", "tasks/v1/lists/%40default/tasks?showDeleted=maybe"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator.rootUrl() + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isBetween(400, 404);
            assertThat(Json.MAPPER.readTree(response.body()).has("error")).as(path).isTrue();
        }
        HttpResponse<String> calendarWatch = http.send(HttpRequest.newBuilder(URI.create(emulator.rootUrl()
                        + "calendar/v3/calendars/primary/events/watch")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(calendarWatch.statusCode()).isEqualTo(400);
        assertThat(emulator.admin().groundTruth(user).messages()).isNotEmpty();
    }

    @Test
    void aJsonBodyLabelledAsAFormIsStillReadAsCurlDashDSendsIt() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator.rootUrl()
                        + "admin/users/" + emulator.admin().email(3) + "/gmail/messages"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"Labelled a form\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json(response, 200).get("subject").asString()).isEqualTo("Labelled a form");
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.rootUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.MAPPER.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=UTF-8");
        assertThat(Json.MAPPER.readTree(response.body()).at("/error/code").asInt()).isEqualTo(status);
    }
}
