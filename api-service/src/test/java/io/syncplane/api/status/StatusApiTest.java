package io.syncplane.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ApiIntegrationTest;
import io.syncplane.persistence.JdbcTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The status page's JSON and the page itself, through HTTP; ledger states are set directly in the database. */
class StatusApiTest extends ApiIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void a_user_key_sees_its_own_accounts_with_badges_and_words_for_errors() {
        long user = createUser();
        long connection = link(user, unique("badges") + "@example.test");
        setSource(connection, "tasks", "error", 3, "HTTP 503 backendError: The service is currently unavailable.");
        setSource(connection, "contacts", "rate_limited", 1,
                "Google rate limit: 429 RESOURCE_EXHAUSTED Quota exceeded for quota metric 'x'");
        ApiClient mine = userClient(user);

        ApiClient.Response session = mine.get("/v1/status");
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        assertThat(session.json().get("scope").asString()).isEqualTo("user");
        assertThat(session.json().get("userId").asLong()).isEqualTo(user);

        ApiClient.Response response = mine.get("/v1/users/" + user + "/status");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode status = response.json();
        assertThat(status.get("userId").asLong()).isEqualTo(user);
        assertThat(status.get("pollingFallback").asBoolean()).isFalse();
        assertThat(status.get("badges").get("degraded").asLong()).isEqualTo(2);
        assertThat(status.get("badges").get("active").asLong()).isEqualTo(2);
        JsonNode account = status.get("connections").get(0);
        assertThat(account.get("connectionId").asLong()).isEqualTo(connection);
        assertThat(account.get("badge").asString()).isEqualTo("degraded");
        assertThat(account.get("needsReconnect").asBoolean()).isFalse();
        assertThat(account.get("reconnectUrl").isNull()).isTrue();

        JsonNode tasks = source(account, "tasks");
        assertThat(tasks.get("badge").asString()).isEqualTo("degraded");
        assertThat(tasks.get("syncStatus").asString()).isEqualTo("error");
        assertThat(tasks.get("canSyncNow").asBoolean()).isTrue();
        assertThat(tasks.get("syncUrl").asString()).isEqualTo("/v1/connections/" + connection + "/sources/tasks/sync");
        assertThat(tasks.get("lastError").get("kind").asString()).isEqualTo("google_unavailable");
        assertThat(tasks.get("lastError").get("message").asString()).isEqualTo(
                StatusMapping.ErrorKind.GOOGLE_UNAVAILABLE.message());
        assertThat(tasks.get("lastError").get("consecutiveErrors").asInt()).isEqualTo(3);
        assertThat(tasks.get("lastError").get("retryAt").isNull()).isFalse();
        assertThat(source(account, "contacts").get("lastError").get("kind").asString()).isEqualTo("rate_limited");
        JsonNode gmail = source(account, "gmail");
        assertThat(gmail.get("badge").asString()).isEqualTo("active");
        assertThat(gmail.get("lastError").isNull()).isTrue();
        assertThat(gmail.get("fullSyncProgress").isNull()).isTrue();
        // what Google or Java said stays out of the page's JSON
        assertThat(response.body()).doesNotContain("HTTP 503", "backendError", "RESOURCE_EXHAUSTED");
    }

    @Test
    void an_account_needing_reauthorisation_is_disconnected_and_cannot_be_synced_now() {
        long user = createUser();
        long connection = link(user, unique("reauth") + "@example.test");
        operatorSql("UPDATE google_connection SET status = 'needs_reauth', status_reason = 'invalid_grant'"
                + " WHERE id = ?", connection);
        operatorSql("UPDATE sync_state SET status = 'needs_reauth', next_sync_at = NULL,"
                + " last_error = 'invalid_grant: Token has been expired or revoked.', last_error_at = now()"
                + " WHERE connection_id = ?", connection);

        JsonNode account = operator().get("/v1/users/" + user + "/status?returnTo=https://app.example.test/status")
                .json().get("connections").get(0);
        assertThat(account.get("badge").asString()).isEqualTo("disconnected");
        assertThat(account.get("needsReconnect").asBoolean()).isTrue();
        // this context has no OAuth client configured, so there is no consent page to link to (the browser test has)
        assertThat(account.get("reconnectUrl").isNull()).isTrue();
        account.get("sources").forEach(source -> {
            assertThat(source.get("badge").asString()).isEqualTo("disconnected");
            assertThat(source.get("canSyncNow").asBoolean()).isFalse();
            assertThat(source.get("lastError").get("kind").asString()).isEqualTo("reauth_required");
        });
    }

    @Test
    void keys_are_checked_like_everywhere_in_the_api() {
        long user = createUser();
        long other = createUser();
        ApiClient mine = userClient(user);

        ApiClient.Response noKey = anonymous().get("/v1/users/" + user + "/status");
        assertProblem(noKey, 401, "unauthorized");
        assertProblem(anonymous().withKey("not-a-key-at-all-0000").get("/v1/status"), 401, "unauthorized");
        assertProblem(anonymous().get("/v1/status/overview"), 401, "unauthorized");
        // a user key sees its own user only: another user's status is as absent as an unknown one
        assertProblem(mine.get("/v1/users/" + other + "/status"), 404, "not-found");
        assertProblem(operator().get("/v1/users/99999999/status"), 404, "not-found");
        assertProblem(mine.get("/v1/status/overview"), 403, "forbidden");
    }

    @Test
    void a_bad_return_address_is_a_bad_request() {
        long user = createUser();
        for (String bad : new String[] {"not%20a%20uri", "/relative/status", "ftp://example.test/status",
                "https://example.test/status%23key=x"}) {
            ApiClient.Response response = operator().get("/v1/users/" + user + "/status?returnTo=" + bad);
            assertProblem(response, 400, "invalid-request");
            assertThat(response.json().get("parameter").asString()).as(bad).isEqualTo("returnTo");
        }
        ApiClient.Response notANumber = operator().get("/v1/users/abc/status");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.isProblem()).isTrue();
    }

    @Test
    void the_operator_overview_counts_badges_and_lists_the_worst_sources_and_dead_letters() {
        long user = createUser();
        long connection = link(user, unique("worst") + "@example.test");
        setSource(connection, "gmail", "error", 9, "SocketTimeoutException: Read timed out");

        ApiClient.Response session = operator().get("/v1/status");
        assertThat(session.json().get("scope").asString()).isEqualTo("operator");
        assertThat(session.json().get("userId").isNull()).isTrue();
        assertThat(session.json().get("jobrunrDashboardUrl").isNull()).isTrue();

        ApiClient.Response response = operator().get("/v1/status/overview");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode overview = response.json();
        assertThat(overview.get("badges").get("degraded").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("byStatus").get("error").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("jobrunrDashboardUrl").isNull()).isTrue();
        assertThat(overview.get("deadLetters").get("total").asLong()).isGreaterThanOrEqualTo(0);
        JsonNode worst = null;
        for (JsonNode candidate : overview.get("worstSources")) {
            if (candidate.get("connectionId").asLong() == connection
                    && candidate.get("source").asString().equals("gmail")) {
                worst = candidate;
            }
        }
        assertThat(worst).as("the failing source is among the worst: " + overview).isNotNull();
        assertThat(worst.get("userId").asLong()).isEqualTo(user);
        assertThat(worst.get("source").asString()).isEqualTo("gmail");
        assertThat(worst.get("badge").asString()).isEqualTo("degraded");
        assertThat(worst.get("consecutiveErrors").asInt()).isEqualTo(9);
        assertThat(worst.get("lastError").get("kind").asString()).isEqualTo("network");
        assertThat(worst.get("detail").asString()).isEqualTo("SocketTimeoutException: Read timed out");
        // most errors in a row first
        int previous = Integer.MAX_VALUE;
        for (JsonNode candidate : overview.get("worstSources")) {
            assertThat(candidate.get("consecutiveErrors").asInt()).isLessThanOrEqualTo(previous);
            previous = candidate.get("consecutiveErrors").asInt();
        }
    }

    @Test
    void write_back_shows_what_waits_and_the_newest_conflicts_to_the_user_and_to_operators() {
        long user = createUser();
        long connection = link(user, unique("writes") + "@example.test");
        ApiClient mine = userClient(user);
        ApiClient.Response upload = mine.post("/v1/users/" + user + "/changes", Map.of("operations", List.of(
                Map.of("source", "tasks", "connectionId", connection, "op", "create",
                        "fields", Map.of("title", "Call back"), "idempotencyKey", "status-1"))));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        long operation = upload.json().get("operations").get(0).get("operationId").asLong();
        // conflicts are the worker's to record; written here as its owner role would
        JdbcClient.create(SCHEMA.dataSource()).sql("INSERT INTO write_conflict (operation_id, user_id, connection_id,"
                        + " source, item_id, policy, decision, reason, application_version, application_modified_at,"
                        + " detected_at) VALUES (?, ?, ?, 'tasks', 't-9', 'newer-wins', 'google_won',"
                        + " 'Google''s copy is newer', '{}'::jsonb, now(), now())")
                .params(operation, user, connection).update();

        JsonNode writes = mine.get("/v1/users/" + user + "/status").json().get("writes");
        assertThat(writes.get("waiting").asLong()).isEqualTo(1);
        assertThat(writes.get("failed").asLong()).isZero();
        assertThat(writes.get("conflicts").asLong()).isEqualTo(1);
        assertThat(writes.get("recentConflicts").get(0).get("itemId").asString()).isEqualTo("t-9");
        assertThat(writes.get("recentConflicts").get(0).get("decision").asString()).isEqualTo("google_won");
        JsonNode everyone = operator().get("/v1/status/overview").json().get("writes");
        assertThat(everyone.get("waiting").asLong()).isPositive();
        assertThat(everyone.get("recentConflicts").findValuesAsString("itemId")).contains("t-9");
        long other = createUser();
        assertThat(userClient(other).get("/v1/users/" + other + "/status").json().get("writes").get("conflicts")
                .asLong()).as("row-level security keeps other users' conflicts out").isZero();
    }

    @Test
    void the_page_is_static_needs_no_key_and_carries_no_data() {
        ApiClient.Response page = anonymous().get("/status");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"/status/status.js\"", "id=\"key-form\"")
                .doesNotContain("@example.test", OPERATOR_KEY);
        ApiClient.Response script = anonymous().get("/status/status.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("Authorization: 'Bearer ' + key", "sessionStorage");
        assertThat(anonymous().get("/status/status.css").status()).isEqualTo(200);
        assertThat(anonymous().get("/status/").status()).isEqualTo(200);
    }

    private long createUser() {
        return operator().post("/v1/users", Map.of("externalId", unique("status"))).json().get("id").asLong();
    }

    private long link(long user, String email) {
        ApiClient.Response linked = operator().post("/v1/users/" + user + "/connections", Map.of(
                "accountEmail", email, "oauthClientId", OAUTH_CLIENT, "refreshToken", "rt-status"));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        return linked.json().get("id").asLong();
    }

    private ApiClient userClient(long user) {
        ApiClient.Response issued = operator().post("/v1/api-keys", Map.of("userId", user));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return operator().withKey(issued.json().get("key").asString());
    }

    private void setSource(long connection, String source, String status, int errors, String lastError) {
        operatorSql("UPDATE sync_state SET status = '" + status + "', consecutive_errors = " + errors
                + ", last_error = '" + lastError.replace("'", "''") + "', last_error_at = now(),"
                + " rate_limited_until = " + ("rate_limited".equals(status) ? "now() + interval '5 minutes'" : "NULL")
                + ", next_sync_at = ? WHERE connection_id = ? AND source = '" + source + "'",
                JdbcTime.timestamp(Instant.now().plusSeconds(300)), connection);
    }

    /** The pool works as syncplane_api under row-level security; the operator role sees and may update every row. */
    private void operatorSql(String sql, Object... params) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("SET LOCAL ROLE syncplane_api_operator").update();
            assertThat(jdbc.sql(sql).params(params).update()).as(sql).isPositive();
        });
    }

    private static JsonNode source(JsonNode account, String id) {
        for (JsonNode source : account.get("sources")) {
            if (source.get("source").asString().equals(id)) {
                return source;
            }
        }
        throw new AssertionError("no source " + id + " in " + account);
    }

    private static void assertProblem(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        assertThat(response.json().get("type").asString()).endsWith("/" + type);
    }
}
