package io.syncplane.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ServiceStart;
import io.syncplane.queue.SyncQueue;
import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TestBackends;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Random requests against every endpoint: random path segments, query strings, headers and bodies. Whatever arrives,
 * the service never answers 5xx, and a request it rejects (4xx) changes nothing in Postgres or Redis.
 */
class ApiFuzzTest {

    private static final String OPERATOR_KEY = "fuzz-operator-key-0123456789";

    /** Every operation, with {placeholders} for path segments. */
    private static final List<String> OPERATIONS = List.of(
            "POST /v1/users", "GET /v1/users/{id}", "GET /v1/users/{id}/state",
            "POST /v1/users/{id}/connections", "GET /v1/users/{id}/connections",
            "GET /v1/connections/{id}", "DELETE /v1/connections/{id}",
            "POST /v1/connections/{id}/sources/{source}/sync", "GET /v1/connections/{id}/sources/{source}",
            "GET /v1/connections/{id}/sources/{source}/runs", "POST /v1/users/{id}/sync", "POST /v1/syncs",
            "GET /v1/dead-letters", "POST /v1/dead-letters/{id}/{source}/redrive", "GET /v1/stats",
            "POST /v1/api-keys", "DELETE /v1/api-keys/{id}",
            "GET /v1/users/{id}/changes", "GET /v1/changes", "POST /v1/users/{id}/changes",
            "GET /v1/users/{id}/changes/outbound/{id}", "GET /v1/users/{id}/conflicts",
            "GET /v1/users/{id}/connections/google/authorize", "GET /v1/oauth/google/callback",
            "POST /webhooks/google/gmail", "POST /webhooks/google/calendar");

    private static PostgresSchema schema;
    private static RedisNamespace redis;
    private static ConfigurableApplicationContext app;
    private static ApiClient api;
    private static long userId;
    private static long connectionId;

    @BeforeContainer
    static void start() {
        schema = TestBackends.newPostgresSchema();
        redis = TestBackends.newRedisNamespace();
        Map<String, Object> properties = new HashMap<>(SpringBackendProperties.of(schema, redis));
        properties.put("server.port", "0");
        properties.put("syncplane.api.bootstrap-key", OPERATOR_KEY);
        properties.put("syncplane.google.clients[0].id", "fuzz-client");
        properties.put("syncplane.google.clients[0].secret", "fuzz-secret");
        properties.put("syncplane.api.oauth.revocation-url", "http://127.0.0.1:9/revoke");
        // push on, so the webhooks verify what they get; no random token can be a signed JWT, so the unreachable
        // JWKS is never asked (that would be the one allowed 503)
        properties.put("syncplane.push.enabled", "true");
        properties.put("syncplane.push.push-audience", "https://fuzz.example.test/webhooks/google/gmail");
        properties.put("syncplane.push.push-service-account", "push@fuzz.example.test");
        properties.put("syncplane.push.jwks-url", "http://127.0.0.1:9/certs");
        app = ServiceStart.api(properties);
        int port = ServiceStart.port(app);
        api = new ApiClient("http://127.0.0.1:" + port, OPERATOR_KEY);
        userId = api.post("/v1/users", Map.of("externalId", "fuzz-user")).json().get("id").asLong();
        connectionId = api.post("/v1/users/" + userId + "/connections", Map.of("accountEmail", "fuzz@example.test",
                "oauthClientId", "fuzz-client", "refreshToken", "rt")).json().get("id").asLong();
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
        schema.close();
        redis.close();
    }

    @Property(tries = 500)
    void no_request_gets_a_5xx_and_a_rejected_one_changes_nothing(@ForAll("requests") FuzzRequest request)
            throws SQLException {
        Map<String, Long> before = snapshot();
        ApiClient.Response response = api.send(request.method(), request.path(), request.headers(), request.body());

        assertThat(response.status()).as(request + " -> " + response).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(snapshot()).as(request + " -> " + response).isEqualTo(before);
            assertThat(response.isProblem()).as(request + " -> " + response).isTrue();
        }
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        Arbitrary<String> operation = Arbitraries.of(OPERATIONS);
        Arbitrary<String> method = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE")));
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.just(String.valueOf(userId)), Arbitraries.just(String.valueOf(connectionId)),
                Arbitraries.of("gmail", "calendar", "contacts", "tasks", "drive", "GMAIL", "0", "-1",
                        "99999999999999999999", "1e3", "%00", "%2F..%2F", "null", "%E2%98%83", "%27%20OR%201%3D1%20--"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().alpha().numeric().ofMaxLength(12).map(s -> s.isEmpty() ? "x" : s));
        Arbitrary<String> query = Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.of("limit", "offset", "since", "sources", "wait", "purge", "redirectUri", "code", "state")
                        .flatMap(name -> values().map(value -> "?" + name + "=" + value)));
        Arbitrary<String> auth = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("Bearer " + OPERATOR_KEY)),
                Tuple.of(1, Arbitraries.of("", "Bearer", "Bearer wrong", "Basic Zm9vOmJhcg==",
                        "bearer " + OPERATOR_KEY + "x")));
        // Calendar notifications authenticate by their X-Goog-* headers: sometimes a full, random set of them
        Arbitrary<Map<String, String>> channelHeaders = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Map.<String, String>of())),
                Tuple.of(1, Combinators.combine(values(), values(), values(),
                                Arbitraries.of("sync", "exists", "not_exists", "bogus", ""),
                                Arbitraries.of("1", "2", "0", "-1", "x", "99999999999999999999"))
                        .as((id, token, resource, state, number) -> Map.of("X-Goog-Channel-ID", id,
                                "X-Goog-Channel-Token", token, "X-Goog-Resource-ID", resource,
                                "X-Goog-Resource-State", state, "X-Goog-Message-Number", number))));
        Arbitrary<Map<String, String>> authHeaders = Combinators.combine(auth, channelHeaders)
                .as((authorization, channel) -> {
                    Map<String, String> headers = new LinkedHashMap<>(channel);
                    headers.values().removeIf(String::isEmpty);
                    if (!authorization.isEmpty()) {
                        headers.put("Authorization", authorization);
                    }
                    return headers;
                });
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("application/json")),
                Tuple.of(1, Arbitraries.of("text/plain", "application/xml", "application/json; charset=latin1",
                        "multipart/form-data", "*/*", "application/x-www-form-urlencoded")));
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.just(null), jsonBodies(), Arbitraries.strings().ofMaxLength(200));
        return Combinators.combine(operation, method, segment, segment, query, authHeaders, contentType, body)
                .as((op, methodOverride, first, second, q, requestHeaders, type, payload) -> {
                    String[] parts = op.split(" ", 2);
                    String path = parts[1].replaceFirst("\\{id}", first).replaceFirst("\\{source}", second)
                            .replaceFirst("\\{id}", second) + q;
                    Map<String, String> headers = new LinkedHashMap<>(requestHeaders);
                    if (payload != null) {
                        headers.put("Content-Type", type);
                    }
                    return new FuzzRequest(methodOverride.isEmpty() ? parts[0] : methodOverride, path, headers, payload);
                });
    }

    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.of("0", "-5", "501", "abc", "", "true", "gmail,drive", "%FF", "1000000",
                        "http://evil.test/", "javascript:alert(1)"),
                Arbitraries.strings().alpha().ofMaxLength(30));
    }

    private static Arbitrary<String> jsonBodies() {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of("null", "true", "1", "-1", "1.5", "\"\"",
                "\"x\"", "[]", "{}", "[{}]", "[null]", "[1]", "[{\"source\":\"tasks\",\"op\":\"create\"}]",
                "\"" + "y".repeat(300) + "\"", "99999999999999999999"),
                Arbitraries.strings().alpha().ofMaxLength(10).map(s -> "\"" + s + "\""));
        Arbitrary<String> field = Arbitraries.of("externalId", "accountEmail", "oauthClientId", "refreshToken",
                "full", "status", "source", "connectionIds", "userId", "unknown", "operations", "force");
        Arbitrary<String> member = Combinators.combine(field, scalar).as((f, v) -> "\"" + f + "\":" + v);
        return member.list().ofMaxSize(4).map(members -> "{" + String.join(",", members) + "}");
    }

    /** Row counts and the sum of row versions of every table a request could change, plus the queue's size. */
    private static Map<String, Long> snapshot() throws SQLException {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        try (Connection connection = schema.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : List.of("app_user", "google_connection", "sync_state", "sync_run", "api_key",
                    "push_channel", "outbound_operation", "write_conflict")) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*), coalesce(sum(hashtext(t::text)), 0)"
                        + " FROM " + table + " t")) {
                    rows.next();
                    snapshot.put(table + ".rows", rows.getLong(1));
                    snapshot.put(table + ".content", rows.getLong(2));
                }
            }
        }
        SyncQueue queue = app.getBean(SyncQueue.class);
        snapshot.put("queue.size", queue.stats().size());
        return snapshot;
    }

    record FuzzRequest(String method, String path, Map<String, String> headers, String body) {
    }
}
