package io.syncplane.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Message;
import io.syncplane.emulator.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** {@code GET /admin/requests}: the requests each user's token sent, a batch counting as one, as Google sees them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLogApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(2).messagesPerUser(5).quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void aBatchIsOneRequestAndOnlyUsersWithTokensAreLogged() throws Exception {
        assertThat(send("DELETE", "admin/requests").statusCode()).isEqualTo(204);
        String email = emulator.admin().email(1);
        Gmail gmail = clients.gmail(email);
        var ids = gmail.users().messages().list("me").execute().getMessages();
        BatchRequest batch = gmail.batch();
        for (Message message : ids) {
            gmail.users().messages().get("me", message.getId()).setFormat("metadata").queue(batch,
                    new JsonBatchCallback<Message>() {
                        @Override
                        public void onSuccess(Message m, HttpHeaders headers) {
                        }

                        @Override
                        public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                            throw new AssertionError(error.getMessage());
                        }
                    });
        }
        batch.execute();

        HttpResponse<String> answer = send("GET", "admin/requests?windowSeconds=60");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode users = Json.MAPPER.readTree(answer.body()).get("users");
        assertThat(ids).hasSize(5);
        assertThat(users.get(email).get("requests").asLong()).as("the list and the batch: " + answer.body()).isEqualTo(2);
        assertThat(users.get(email).get("maxInWindow").asInt()).isEqualTo(2);
        assertThat(users.get(email).get("maxInFlight").asInt()).isEqualTo(1);
        assertThat(users.has(emulator.admin().email(2))).isFalse();

        assertThat(send("DELETE", "admin/requests").statusCode()).isEqualTo(204);
        JsonNode cleared = Json.MAPPER.readTree(send("GET", "admin/requests").body()).get("users");
        assertThat(cleared.isEmpty()).as("cleared: %s", cleared).isTrue();
    }

    @Test
    void aBadWindowIsA400() throws Exception {
        assertThat(send("GET", "admin/requests?windowSeconds=soon").statusCode()).isEqualTo(400);
        assertThat(send("GET", "admin/requests?windowSeconds=-1").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.rootUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
