package io.syncplane.emulator;

import com.google.api.client.auth.oauth2.AuthorizationCodeRequestUrl;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeTokenRequest;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.model.Task;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.emulator.oauth.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;

/** Writes take the same path as reads: batch, faults, the request log, and tokens with exactly their scopes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WritesPipelineTest {

    private static final String CALLBACK = "http://127.0.0.1:1/oauth/callback";

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private final OAuthBrowser browser = new OAuthBrowser();
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(5).eventsPerUser(2).tasksPerUser(2).clock(clock)
                .quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void calendarInsertsInOneBatchEachLand() throws IOException {
        String email = emulator.admin().email(1);
        Calendar calendar = clients.calendar(email);
        calendar.calendarList().list().execute(); // a fresh access token before the batch
        List<String> ids = new ArrayList<>();
        List<Integer> failures = new ArrayList<>();
        JsonBatchCallback<Event> callback = new JsonBatchCallback<>() {
            @Override
            public void onSuccess(Event event, HttpHeaders headers) {
                ids.add(event.getId());
            }

            @Override
            public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                failures.add(error.getCode());
            }
        };
        var batch = calendar.batch();
        calendar.events().insert("primary", event("Batched 1")).queue(batch, callback);
        calendar.events().insert("primary", event("Batched 2")).queue(batch, callback);
        batch.execute();
        assertThat(failures).isEmpty();
        assertThat(ids).hasSize(2);
        assertThat(emulator.admin().groundTruth(email).eventsByCalendar().get(email)).extracting(CalendarEvent::id)
                .containsAll(ids);
    }

    @Test
    void injectedFaultsHitWritesAndNothingIsWritten() throws IOException {
        String email = emulator.admin().email(2);
        Tasks tasks = clients.tasks(email);
        tasks.tasklists().list().execute();
        int before = emulator.admin().groundTruth(email).taskLists().get(0).tasks().size();
        emulator.admin().userFaults(email, FaultPlan.errors500(1.0));
        try {
            GoogleJsonResponseException e = catchGoogle(() -> tasks.tasks().insert("@default",
                    new Task().setTitle("lost")).execute());
            assertThat(e.getStatusCode()).isEqualTo(500);
        } finally {
            emulator.admin().userFaults(email, null);
        }
        assertThat(emulator.admin().groundTruth(email).taskLists().get(0).tasks()).hasSize(before);
        long logged = emulator.admin().requestLog().summary(Duration.ofSeconds(10).toNanos()).get(email).requests();
        tasks.tasks().insert("@default", new Task().setTitle("kept")).execute();
        assertThat(emulator.admin().requestLog().summary(Duration.ofSeconds(10).toNanos()).get(email).requests())
                .isEqualTo(logged + 1);
        assertThat(emulator.admin().requestCounts(email, Api.TASKS).requests()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aCodeFlowTokenCarriesExactlyTheConsentedScopes() throws Exception {
        String email = emulator.admin().email(3);
        OAuthCredentials app = emulator.admin().credentials(email);
        String verifier = "Syncplane-generates-43-char-verifiers.like~this";
        AuthorizationCodeRequestUrl url = new AuthorizationCodeRequestUrl(emulator.authorizationUrl(),
                app.clientId()).setRedirectUri(CALLBACK).setScopes(List.of(
                        "https://www.googleapis.com/auth/calendar.readonly")).setState("st");
        url.set("login_hint", email);
        url.setCodeChallenge(Pkce.s256(verifier));
        url.setCodeChallengeMethod("S256");
        Map<String, String> back = browser.redirectQuery(url.build());
        GoogleTokenResponse tokens = new GoogleAuthorizationCodeTokenRequest(EmulatorClients.TRANSPORT,
                EmulatorClients.JSON, emulator.tokenUrl(), app.clientId(), app.clientSecret(), back.get("code"),
                CALLBACK).set("code_verifier", verifier).execute();
        assertThat(tokens.getScope()).isEqualTo("https://www.googleapis.com/auth/calendar.readonly");

        Calendar calendar = clients.calendar(EmulatorClients.bearer(tokens.getAccessToken()));
        assertThat(calendar.events().list("primary").execute().getItems()).isNotNull();
        GoogleJsonResponseException e = catchGoogle(() -> calendar.events().insert("primary", event("No"))
                .execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
    }

    @Test
    void theAdminHttpApiMintsTokensWithChosenScopes() throws Exception {
        String email = emulator.admin().email(4);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> minted = http.send(HttpRequest.newBuilder(URI.create(emulator.adminUrl() + "/users/"
                        + email + "/access-token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"scopes\":[\"https://www.googleapis.com/auth/gmail.readonly\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(minted.statusCode()).isEqualTo(200);
        String token = Json.MAPPER.readTree(minted.body()).get("access_token").asString();
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(emulator.rootUrl()
                        + "gmail/v1/users/me/messages/00000000000000aa/trash"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(write.body()).at("/error/errors/0/reason").asString())
                .isEqualTo("insufficientPermissions");
    }

    private static Event event(String summary) {
        return new Event().setSummary(summary)
                .setStart(new EventDateTime().setDateTime(new DateTime("2026-03-02T10:00:00Z")))
                .setEnd(new EventDateTime().setDateTime(new DateTime("2026-03-02T11:00:00Z")));
    }
}
