package io.syncplane.api.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ApiIntegrationTest;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.queue.SyncQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ConnectionsApiTest extends ApiIntegrationTest {

    @Autowired
    SyncQueue queue;

    @Test
    void linking_with_a_refresh_token_registers_four_sources_due_now_contacts_first() {
        long user = createUser();
        ApiClient.Response linked = operator().post("/v1/users/" + user + "/connections", Map.of(
                "accountEmail", "Someone@Example.test", "oauthClientId", OAUTH_CLIENT, "refreshToken", "rt-1"));

        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        JsonNode connection = linked.json();
        assertThat(connection.get("userId").asLong()).isEqualTo(user);
        assertThat(connection.get("accountEmail").asString()).isEqualTo("someone@example.test");
        assertThat(connection.get("status").asString()).isEqualTo("active");
        assertThat(connection.get("sources")).hasSize(4);
        assertThat(linked.body()).doesNotContain("rt-1");
        List<String> byDueTime = new ArrayList<>();
        connection.get("sources").forEach(source -> {
            assertThat(source.get("status").asString()).isEqualTo("idle");
            assertThat(source.get("nextRunMode").asString()).isEqualTo("full");
            byDueTime.add(source.get("nextSyncAt").asString() + " " + source.get("source").asString());
        });
        assertThat(byDueTime.stream().sorted().map(s -> s.substring(s.indexOf(' ') + 1)).toList())
                .containsExactly("contacts", "calendar", "tasks", "gmail");
        long connectionId = connection.get("id").asLong();
        assertThat(queue.stats().waiting()).isGreaterThanOrEqualTo(4);

        ApiClient.Response list = operator().get("/v1/users/" + user + "/connections");
        assertThat(list.json().get("connections")).hasSize(1);
        assertThat(list.json().get("connections").get(0).get("id").asLong()).isEqualTo(connectionId);
    }

    @Test
    void a_duplicate_account_is_a_conflict_and_an_unknown_client_a_bad_request() {
        long user = createUser();
        Map<String, String> body = Map.of("accountEmail", "dup@example.test", "oauthClientId", OAUTH_CLIENT,
                "refreshToken", "rt");
        assertThat(operator().post("/v1/users/" + user + "/connections", body).status()).isEqualTo(201);

        ApiClient.Response duplicate = operator().post("/v1/users/" + user + "/connections", body);
        ApiClient.Response unknownClient = operator().post("/v1/users/" + user + "/connections", Map.of(
                "accountEmail", "other@example.test", "oauthClientId", "nobody", "refreshToken", "rt"));
        ApiClient.Response badEmail = operator().post("/v1/users/" + user + "/connections", Map.of(
                "accountEmail", "not-an-email", "oauthClientId", OAUTH_CLIENT, "refreshToken", "rt"));
        ApiClient.Response noUser = operator().post("/v1/users/99999999/connections", body);

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("type").asString()).endsWith("/duplicate-connection");
        assertThat(unknownClient.status()).isEqualTo(400);
        assertThat(unknownClient.json().get("parameter").asString()).isEqualTo("oauthClientId");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().get("errors").get(0).get("field").asString()).isEqualTo("accountEmail");
        assertThat(noUser.status()).isEqualTo(404);
        assertThat(operator().get("/v1/users/" + user + "/connections").json().get("connections")).hasSize(1);
    }

    @Test
    void triggering_makes_the_source_due_and_a_removed_connection_refuses_triggers() {
        long user = createUser();
        long connection = link(user, "trigger@example.test");

        ApiClient.Response triggered = operator().post(
                "/v1/connections/" + connection + "/sources/gmail/sync", Map.of("full", false));
        assertThat(triggered.status()).as(triggered.body()).isEqualTo(202);
        assertThat(triggered.json().get("queue").asString()).isIn("enqueued", "coalesced");
        assertThat(triggered.json().get("state").get("source").asString()).isEqualTo("gmail");

        ApiClient.Response unknownSource = operator().post(
                "/v1/connections/" + connection + "/sources/drive/sync", Map.of());
        assertThat(unknownSource.status()).isEqualTo(404);

        ApiClient.Response removed = operator().delete("/v1/connections/" + connection);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("connection").get("status").asString()).isEqualTo("removed");
        assertThat(removed.json().get("revoked").asBoolean()).isFalse();
        assertThat(removed.json().get("revocationError").asString()).contains("cannot reach");
        removed.json().get("connection").get("sources")
                .forEach(s -> assertThat(s.get("status").asString()).isEqualTo("disabled"));

        ApiClient.Response refused = operator().post("/v1/connections/" + connection + "/sources/gmail/sync", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).endsWith("/source-disabled");
    }

    @Test
    void a_user_trigger_covers_every_source_contacts_first() {
        long user = createUser();
        link(user, "all@example.test");

        ApiClient.Response response = operator().post("/v1/users/" + user + "/sync", "{}");

        assertThat(response.status()).isEqualTo(202);
        List<String> order = new ArrayList<>();
        response.json().get("results").forEach(r -> order.add(r.get("state").get("source").asString()));
        assertThat(order).containsExactly("contacts", "calendar", "tasks", "gmail");
    }

    @Test
    void the_operator_triggers_many_by_filter() {
        long user = createUser();
        long connection = link(user, "bulk@example.test");

        ApiClient.Response response = operator().post("/v1/syncs",
                Map.of("connectionIds", List.of(connection), "source", List.of("gmail", "tasks")));
        ApiClient.Response badStatus = operator().post("/v1/syncs", Map.of("status", List.of("sleeping")));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("matched").asLong()).isEqualTo(2);
        assertThat(response.json().get("enqueued").asLong()).isEqualTo(2);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("parameter").asString()).isEqualTo("status");
    }

    @Test
    void state_and_runs_of_a_source_are_readable() {
        long user = createUser();
        long connection = link(user, "state@example.test");

        ApiClient.Response source = operator().get("/v1/connections/" + connection + "/sources/contacts");
        ApiClient.Response runs = operator().get("/v1/connections/" + connection + "/sources/contacts/runs?limit=5");
        ApiClient.Response badLimit = operator().get("/v1/connections/" + connection + "/sources/contacts/runs?limit=0");
        ApiClient.Response userState = operator().get("/v1/users/" + user + "/state");

        assertThat(source.status()).isEqualTo(200);
        assertThat(source.json().get("status").asString()).isEqualTo("idle");
        assertThat(runs.status()).isEqualTo(200);
        assertThat(runs.json().get("runs")).isEmpty();
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(userState.json().get("connections").get(0).get("sources")).hasSize(4);
        assertThat(queue.stats().size()).isPositive();
        assertThat(new SyncKey(connection, Source.GMAIL)).isNotNull();
    }

    @Test
    void redriving_what_is_not_dead_lettered_is_404_and_changes_nothing() {
        long user = createUser();
        long connection = link(user, "redrive@example.test");
        String before = operator().get("/v1/connections/" + connection + "/sources/tasks").body();

        ApiClient.Response redrive = operator().post("/v1/dead-letters/" + connection + "/tasks/redrive", "{}");

        assertThat(redrive.status()).isEqualTo(404);
        assertThat(operator().get("/v1/connections/" + connection + "/sources/tasks").body()).isEqualTo(before);
        assertThat(operator().get("/v1/dead-letters").status()).isEqualTo(200);
    }

    private long createUser() {
        return operator().post("/v1/users", Map.of("externalId", unique("user"))).json().get("id").asLong();
    }

    private long link(long user, String email) {
        ApiClient.Response linked = operator().post("/v1/users/" + user + "/connections",
                Map.of("accountEmail", email, "oauthClientId", OAUTH_CLIENT, "refreshToken", "rt"));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        return linked.json().get("id").asLong();
    }
}
