package io.syncplane.api.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ApiIntegrationTest;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class ChangesApiTest extends ApiIntegrationTest {

    /** Writes as the worker does: the owner's connection (no row-level security), one transaction per page. */
    private final PostgresItemStore items = new PostgresItemStore(JdbcClient.create(SCHEMA.dataSource()),
            new JdbcTemplate(SCHEMA.dataSource()), Clock.systemUTC());
    private final TransactionTemplate transactions =
            new TransactionTemplate(new DataSourceTransactionManager(SCHEMA.dataSource()));

    @Test
    void a_user_reads_their_changes_and_only_theirs_then_continues_from_the_cursor() {
        Account alice = account();
        Account bob = account();
        writeMessages(alice.connectionId(), "a1", "a2");
        writeMessages(bob.connectionId(), "b1");

        ApiClient aliceApi = operator().withKey(userKey(alice.userId()));
        ApiClient.Response first = aliceApi.get("/v1/users/" + alice.userId() + "/changes");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(ids(first.json())).containsExactly("a1", "a2");
        JsonNode change = first.json().get("changes").get(0);
        assertThat(change.get("source").asString()).isEqualTo("gmail");
        assertThat(change.get("op").asString()).isEqualTo("upsert");
        assertThat(change.get("connectionId").asLong()).isEqualTo(alice.connectionId());
        assertThat(change.get("data").get("subject").asString()).isEqualTo("subject a1");

        String next = first.json().get("next").asString();
        writeMessages(alice.connectionId(), "a3");
        items.write(SyncedTables.GMAIL_MESSAGE, alice.connectionId(), List.of(SyncedItem.deletedKey(List.of("a1"))),
                null);
        ApiClient.Response second = aliceApi.get("/v1/users/" + alice.userId() + "/changes?since=" + next);
        assertThat(ids(second.json())).containsExactly("a3", "a1");
        assertThat(second.json().get("changes").get(1).get("op").asString()).isEqualTo("delete");

        assertThat(aliceApi.get("/v1/users/" + bob.userId() + "/changes").status()).isEqualTo(404);
        assertThat(aliceApi.get("/v1/changes").status()).isEqualTo(403);
        assertThat(ids(operator().get("/v1/changes?limit=10000").json())).contains("a2", "b1");
    }

    @Test
    void sources_filter_and_paging() {
        Account alice = account();
        writeMessages(alice.connectionId(), "m1", "m2", "m3");

        ApiClient.Response onlyTasks = operator().get("/v1/users/" + alice.userId() + "/changes?sources=tasks");
        ApiClient.Response page = operator().get("/v1/users/" + alice.userId() + "/changes?sources=gmail&limit=2");

        assertThat(onlyTasks.json().get("changes")).isEmpty();
        assertThat(ids(page.json())).containsExactly("m1", "m2");
        assertThat(page.json().get("hasMore").asBoolean()).isTrue();
        ApiClient.Response rest = operator().get("/v1/users/" + alice.userId() + "/changes?sources=gmail&limit=2&since="
                + page.json().get("next").asString());
        assertThat(ids(rest.json())).containsExactly("m3");
        assertThat(rest.json().get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void a_bad_cursor_is_410_resync_required_and_bad_parameters_are_400() {
        Account alice = account();
        String base = "/v1/users/" + alice.userId() + "/changes";

        ApiClient.Response malformed = operator().get(base + "?since=not-a-cursor");
        assertThat(malformed.status()).isEqualTo(410);
        assertThat(malformed.json().get("type").asString()).endsWith("/resync-required");
        assertThat(malformed.json().get("detail").asString()).contains("without a cursor");
        assertThat(operator().get(base + "?sources=drive").status()).isEqualTo(400);
        assertThat(operator().get(base + "?limit=0").status()).isEqualTo(400);
        assertThat(operator().get(base + "?limit=10001").status()).isEqualTo(400);
        assertThat(operator().get(base + "?wait=31").status()).isEqualTo(400);
        assertThat(operator().get(base + "?wait=soon").status()).isEqualTo(400);
    }

    @Test
    void a_long_poll_answers_as_soon_as_a_change_commits() throws Exception {
        Account alice = account();
        String next = operator().get("/v1/users/" + alice.userId() + "/changes").json().get("next").asString();

        long started = System.nanoTime();
        CompletableFuture<ApiClient.Response> poll = CompletableFuture.supplyAsync(() ->
                operator().get("/v1/users/" + alice.userId() + "/changes?wait=20&since=" + next));
        Thread.sleep(500);
        assertThat(poll).isNotDone();
        writeMessages(alice.connectionId(), "late");

        ApiClient.Response response = poll.get(15, TimeUnit.SECONDS);
        assertThat(ids(response.json())).containsExactly("late");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    private void writeMessages(long connectionId, String... ids) {
        List<SyncedItem> page = new ArrayList<>();
        for (String id : ids) {
            page.add(SyncedItem.live(List.of(id), Map.of("subject", "subject " + id),
                    "{\"id\":\"" + id + "\",\"snippet\":\"hello\"}"));
        }
        transactions.executeWithoutResult(tx -> items.write(SyncedTables.GMAIL_MESSAGE, connectionId, page, null));
    }

    private Account account() {
        long user = operator().post("/v1/users", Map.of("externalId", unique("feed"))).json().get("id").asLong();
        long connection = operator().post("/v1/users/" + user + "/connections", Map.of("accountEmail",
                unique("feed") + "@example.test", "oauthClientId", OAUTH_CLIENT, "refreshToken", "rt"))
                .json().get("id").asLong();
        return new Account(user, connection);
    }

    private String userKey(long user) {
        return operator().post("/v1/api-keys", Map.of("userId", user)).json().get("key").asString();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("changes").forEach(change -> ids.add(change.get("id").asString()));
        return ids;
    }

    private record Account(long userId, long connectionId) {
    }
}
