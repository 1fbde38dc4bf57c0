package io.syncplane.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ServiceStart;
import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TcpProxy;
import io.syncplane.testing.TestBackends;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Redis away: a trigger still answers 202, because the ledger (written first) makes the source due and the
 * stale-sync scanner enqueues it once Redis is back; what needs Redis to answer says 503 rather than 500.
 */
class RedisOutageApiTest {

    private static final String KEY = "outage-operator-key-0123456789";

    private static PostgresSchema schema;
    private static RedisNamespace redis;
    private static TcpProxy proxy;
    private static ConfigurableApplicationContext app;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        schema = TestBackends.newPostgresSchema();
        redis = TestBackends.newRedisNamespace();
        URI upstream = URI.create(TestBackends.endpoints().redisUri());
        proxy = new TcpProxy(upstream.getHost(), upstream.getPort());
        Map<String, String> properties = new LinkedHashMap<>(SpringBackendProperties.of(schema, redis));
        properties.put("syncplane.redis.uri", proxy.redisUri());
        properties.put("server.port", "0");
        properties.put("syncplane.api.bootstrap-key", KEY);
        properties.put("syncplane.google.clients[0].id", "outage-client");
        properties.put("syncplane.google.clients[0].secret", "outage-secret");
        app = ServiceStart.api(properties);
        api = new ApiClient("http://127.0.0.1:" + ServiceStart.port(app), KEY);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        proxy.close();
        redis.close();
        schema.close();
    }

    @Test
    void a_trigger_while_redis_is_away_is_kept_by_the_ledger() {
        long user = api.post("/v1/users", Map.of("externalId", "outage")).json().get("id").asLong();
        long connection = api.post("/v1/users/" + user + "/connections", Map.of("accountEmail", "o@example.test",
                "oauthClientId", "outage-client", "refreshToken", "rt")).json().get("id").asLong();

        proxy.goDown();
        try {
            Instant before = Instant.now();
            ApiClient.Response triggered = api.post("/v1/connections/" + connection + "/sources/gmail/sync", "{}");
            assertThat(triggered.status()).as(triggered.body()).isEqualTo(202);
            JsonNode result = triggered.json();
            assertThat(result.get("queue").asString()).isEqualTo("scanner");
            assertThat(Instant.parse(result.get("state").get("nextSyncAt").asString())).isBefore(before.plusSeconds(1));

            ApiClient.Response stats = api.get("/v1/stats");
            assertThat(stats.status()).as(stats.body()).isEqualTo(503);
            assertThat(stats.isProblem()).isTrue();
        } finally {
            proxy.comeBack();
        }
        // once the client has reconnected, triggers reach the queue again
        Instant deadline = Instant.now().plusSeconds(30);
        String queue;
        do {
            ApiClient.Response again = api.post("/v1/connections/" + connection + "/sources/gmail/sync", "{}");
            assertThat(again.status()).isEqualTo(202);
            queue = again.json().get("queue").asString();
        } while (queue.equals("scanner") && Instant.now().isBefore(deadline) && pause());
        assertThat(queue).isIn("enqueued", "coalesced");
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
