package io.syncplane.api.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ApiIntegrationTest;
import io.syncplane.api.support.ChangeOperation;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The API half of write-back through HTTP: what an upload records (and what a refused one does not), idempotency,
 * the delete safety valve, application-owned fields in the feed. Sending to Google is the worker's (its own tests).
 */
class WritebackApiTest extends ApiIntegrationTest {

    private final JdbcClient owner = JdbcClient.create(SCHEMA.dataSource());
    private final PostgresItemStore items = new PostgresItemStore(owner, new JdbcTemplate(SCHEMA.dataSource()),
            Clock.systemUTC());
    private final TransactionTemplate transactions =
            new TransactionTemplate(new DataSourceTransactionManager(SCHEMA.dataSource()));

    @Test
    void an_upload_is_recorded_pending_its_source_made_due_and_its_status_readable() {
        Account alice = account();
        writeTasks(alice.connectionId(), "list-1", "t1");
        long version = version(alice, "tasks", "t1");

        ApiClient.Response response = operator().post(changes(alice), Map.of("operations", List.of(
                op(alice, "tasks", "create", null, null, Map.of("title", "Buy milk"), "k-create"),
                op(alice, "tasks", "update", "t1", version, Map.of("status", "completed"), "k-complete"))));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        JsonNode accepted = response.json().get("operations");
        assertThat(accepted).hasSize(2);
        assertThat(accepted.get(0).get("state").asString()).isEqualTo("pending");
        assertThat(accepted.get(0).get("duplicate").asBoolean()).isFalse();
        long completeId = accepted.get(1).get("operationId").asLong();
        JsonNode status = operator().get(accepted.get(1).get("status").asString()).json();
        assertThat(status.get("operationId").asLong()).isEqualTo(completeId);
        assertThat(status.get("op").asString()).isEqualTo("update");
        assertThat(status.get("containerId").asString()).isEqualTo("list-1");
        assertThat(status.get("baseVersion").asLong()).isEqualTo(version);
        assertThat(status.get("fields").get("status").asString()).isEqualTo("completed");
        JsonNode create = operator().get(accepted.get(0).get("status").asString()).json();
        assertThat(create.get("containerId").asString()).as("no list named: the default list").isEqualTo("@default");
        assertThat(owner.sql("SELECT outbox_pending_since IS NOT NULL FROM sync_state WHERE connection_id = ? "
                + "AND source = 'tasks'").param(alice.connectionId()).query(Boolean.class).single()).isTrue();
        assertThat(owner.sql("SELECT next_sync_at <= now() FROM sync_state WHERE connection_id = ? "
                + "AND source = 'tasks'").param(alice.connectionId()).query(Boolean.class).single()).isTrue();
    }

    @Test
    void the_same_idempotency_key_answers_the_first_operation_and_a_different_body_under_it_is_409() {
        Account alice = account();
        Map<String, Object> body = Map.of("operations", List.of(
                op(alice, "tasks", "create", null, null, Map.of("title", "Once"), "k-once")));

        long first = operator().post(changes(alice), body).json().get("operations").get(0).get("operationId").asLong();
        JsonNode again = operator().post(changes(alice), body).json().get("operations").get(0);
        ApiClient.Response reused = operator().post(changes(alice), Map.of("operations", List.of(
                op(alice, "tasks", "create", null, null, Map.of("title", "Twice"), "k-once"))));

        assertThat(again.get("operationId").asLong()).isEqualTo(first);
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(operations(alice)).isEqualTo(1);
    }

    @Test
    void a_calendar_create_gets_an_id_google_accepts_on_the_primary_calendar() {
        Account alice = account();
        JsonNode accepted = operator().post(changes(alice), Map.of("operations", List.of(op(alice, "calendar",
                "create", null, null, Map.of("summary", "Lunch", "start", Map.of("dateTime", "2026-12-04T12:00:00Z"),
                        "end", Map.of("dateTime", "2026-12-04T13:00:00Z")), "k-cal")))).json();

        JsonNode status = operator().get(accepted.get("operations").get(0).get("status").asString()).json();
        assertThat(status.get("id").asString()).matches("[a-v0-9]{26}");
        assertThat(status.get("containerId").asString()).isEqualTo(alice.email());
    }

    @Test
    void malformed_operations_are_400_naming_the_field_and_record_nothing() {
        Account alice = account();
        writeTasks(alice.connectionId(), "list-1", "t1");
        long version = version(alice, "tasks", "t1");
        // A list, not a map: two cases name the same parameter (an unknown op, and an op the source cannot take).
        List<Map.Entry<String, String>> cases = new ArrayList<>();
        cases.add(Map.entry("operations[0].source", body(op(alice, "drive", "create", null, null, Map.of(),
                "k"))));
        cases.add(Map.entry("operations[0].op", body(op(alice, "tasks", "upsert", null, null,
                Map.of("title", "x"), "k"))));
        cases.add(Map.entry("operations[0].id", body(op(alice, "tasks", "update", null, version,
                Map.of("title", "x"), "k"))));
        cases.add(Map.entry("operations[0].baseVersion", body(op(alice, "tasks", "update", "t1", null,
                Map.of("title", "x"), "k"))));
        cases.add(Map.entry("operations[0].fields.updated", body(op(alice, "tasks", "update", "t1", version,
                Map.of("updated", "2026-01-01T00:00:00Z"), "k"))));
        cases.add(Map.entry("operations[0].fields.status", body(op(alice, "tasks", "update", "t1", version,
                Map.of("status", "done"), "k"))));
        cases.add(Map.entry("operations[0].fields.start", body(op(alice, "calendar", "create", null, null,
                Map.of("end", Map.of("date", "2026-12-04")), "k"))));
        cases.add(Map.entry("operations[0].op", body(op(alice, "gmail", "delete", "m1", null, Map.of(), "k"))));
        cases.add(Map.entry("operations[0].idempotencyKey", body(op(alice, "tasks", "create", null, null,
                Map.of("title", "x"), ""))));
        cases.add(Map.entry("operations[0].appFields.title", body(op(alice, "tasks", "update", "t1", version,
                Map.of(), "k").with("appFields", Map.of("title", "mine")))));
        for (Map.Entry<String, String> bad : cases) {
            ApiClient.Response response = operator().send("POST", changes(alice),
                    Map.of("Content-Type", "application/json"), bad.getValue());
            assertThat(response.status()).as(bad.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.json().get("parameter").asString()).isEqualTo(bad.getKey());
        }
        ApiClient.Response unknownItem = operator().post(changes(alice), Map.of("operations", List.of(
                op(alice, "tasks", "update", "nope", 1L, Map.of("title", "x"), "k"))));
        assertThat(unknownItem.status()).isEqualTo(404);
        assertThat(unknownItem.json().get("type").asString()).endsWith("/item-not-found");
        assertThat(operations(alice)).isZero();
    }

    @Test
    void another_users_connection_is_404_and_their_operations_unreadable() {
        Account alice = account();
        Account bob = account();
        ApiClient aliceApi = operator().withKey(userKey(alice.userId()));

        ApiClient.Response intoBob = aliceApi.post(changes(alice), Map.of("operations", List.of(
                op(bob, "tasks", "create", null, null, Map.of("title", "x"), "k"))));
        long bobsOp = operator().post(changes(bob), Map.of("operations", List.of(
                op(bob, "tasks", "create", null, null, Map.of("title", "x"), "k")))).json()
                .get("operations").get(0).get("operationId").asLong();

        assertThat(intoBob.status()).isEqualTo(404);
        assertThat(aliceApi.get("/v1/users/" + alice.userId() + "/changes/outbound/" + bobsOp).status())
                .isEqualTo(404);
        assertThat(aliceApi.get("/v1/users/" + bob.userId() + "/changes/outbound/" + bobsOp).status())
                .isEqualTo(404);
        assertThat(operations(alice)).isZero();
    }

    @Test
    void a_batch_deleting_too_much_of_a_source_is_refused_unless_forced() {
        Account alice = account();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add("t" + i);
        }
        writeTasks(alice.connectionId(), "list-1", ids.toArray(String[]::new));
        List<Map<String, Object>> deletes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            deletes.add(op(alice, "tasks", "delete", "t" + i, version(alice, "tasks", "t" + i), Map.of(), "d" + i));
        }

        ApiClient.Response refused = operator().post(changes(alice), Map.of("operations", deletes));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).endsWith("/mass-delete-refused");
        assertThat(refused.json().get("deleting").asLong()).isEqualTo(11);
        assertThat(operations(alice)).isZero();

        assertThat(operator().post(changes(alice), Map.of("operations", deletes.subList(0, 10))).status())
                .as("up to min-deletes-checked always passes").isEqualTo(202);
        ApiClient.Response oneMore = operator().post(changes(alice), Map.of("operations", deletes.subList(10, 11)));
        assertThat(oneMore.status()).as("deletes still in the outbox count too").isEqualTo(409);
        assertThat(operator().post(changes(alice), Map.of("operations", deletes.subList(10, 11), "force", true))
                .status()).isEqualTo(202);
        assertThat(operations(alice)).isEqualTo(11);
    }

    @Test
    void application_fields_apply_at_once_show_merged_in_the_feed_and_survive_a_resync() {
        Account alice = account();
        writeTasks(alice.connectionId(), "list-1", "t1");
        long version = version(alice, "tasks", "t1");

        JsonNode accepted = operator().post(changes(alice), Map.of("operations", List.of(
                op(alice, "tasks", "update", "t1", version, Map.of(), "k-app")
                        .with("appFields", Map.of("dealStage", "won"))))).json();

        JsonNode status = operator().get(accepted.get("operations").get(0).get("status").asString()).json();
        assertThat(status.get("state").asString()).as("nothing to send to Google").isEqualTo("applied");
        long appVersion = status.get("result").get("version").asLong();
        assertThat(appVersion).isGreaterThan(version);
        JsonNode change = feed(alice).get(0);
        assertThat(change.get("version").asLong()).isEqualTo(appVersion);
        assertThat(change.get("fields").get("dealStage").asString()).isEqualTo("won");
        assertThat(change.get("fields").get("title").asString()).isEqualTo("title t1");
        assertThat(change.get("fieldOrigins").get("dealStage").asString()).isEqualTo("application");
        assertThat(change.get("fieldOrigins").get("title").asString()).isEqualTo("google");
        assertThat(owner.sql("SELECT outbox_pending_since IS NULL FROM sync_state WHERE connection_id = ? "
                + "AND source = 'tasks'").param(alice.connectionId()).query(Boolean.class).single()).isTrue();

        // a full resync rewrites Google's fields and never app_data
        long generation = items.newGeneration();
        transactions.executeWithoutResult(tx -> items.write(SyncedTables.TASK, alice.connectionId(), List.of(
                SyncedItem.live(List.of("list-1", "t1"), Map.of("title", "renamed at Google"),
                        "{\"id\":\"t1\",\"title\":\"renamed at Google\"}")), generation));
        JsonNode resynced = feed(alice).get(0);
        assertThat(resynced.get("fields").get("title").asString()).isEqualTo("renamed at Google");
        assertThat(resynced.get("fields").get("dealStage").asString()).isEqualTo("won");
    }

    private JsonNode feed(Account account) {
        return operator().get("/v1/users/" + account.userId() + "/changes?sources=tasks").json().get("changes");
    }

    private void writeTasks(long connectionId, String list, String... ids) {
        List<SyncedItem> page = new ArrayList<>();
        for (String id : ids) {
            page.add(SyncedItem.live(List.of(list, id), Map.of("title", "title " + id),
                    "{\"id\":\"" + id + "\",\"title\":\"title " + id + "\",\"etag\":\"\\\"e-" + id + "\\\"\"}"));
        }
        transactions.executeWithoutResult(tx -> items.write(SyncedTables.TASK, connectionId, page, null));
    }

    private long version(Account account, String source, String id) {
        String table = SyncedTables.of(io.syncplane.domain.Source.require(source)).name();
        String column = SyncedTables.of(io.syncplane.domain.Source.require(source)).keyColumns()
                .get(SyncedTables.of(io.syncplane.domain.Source.require(source)).keyColumns().size() - 1);
        return owner.sql("SELECT change_seq FROM " + table + " WHERE connection_id = ? AND " + column + " = ?")
                .params(account.connectionId(), id).query(Long.class).single();
    }

    private long operations(Account account) {
        return owner.sql("SELECT count(*) FROM outbound_operation WHERE user_id = ?").param(account.userId())
                .query(Long.class).single();
    }

    private static ChangeOperation op(Account account, String source, String kind, String id, Long baseVersion,
                                      Map<String, Object> fields, String key) {
        return ChangeOperation.of(account.connectionId(), source, kind, id, baseVersion, fields, key);
    }

    private static String body(Map<String, Object> op) {
        return tools.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(Map.of("operations", List.of(op)));
    }

    private static String changes(Account account) {
        return "/v1/users/" + account.userId() + "/changes";
    }

    private Account account() {
        String email = unique("writes") + "@example.test";
        long user = operator().post("/v1/users", Map.of("externalId", unique("writes"))).json().get("id").asLong();
        long connection = operator().post("/v1/users/" + user + "/connections", Map.of("accountEmail", email,
                "oauthClientId", OAUTH_CLIENT, "refreshToken", "rt")).json().get("id").asLong();
        return new Account(user, connection, email);
    }

    private String userKey(long user) {
        return operator().post("/v1/api-keys", Map.of("userId", user)).json().get("key").asString();
    }

    private record Account(long userId, long connectionId, String email) {
    }
}
