package io.syncplane.worker.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TcpProxy;
import io.syncplane.testing.TestBackends;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A worker started before its Redis is up (as in a deployment where everything starts at once) waits for it, then
 * starts and syncs: the whole worker, its demo account linking and a real sync against the emulator. One that loses
 * Redis later stays up, not ready, and becomes ready again by itself.
 */
class WorkerWaitsForRedisTest {

    private PostgresSchema schema;
    private RedisNamespace redis;
    private GoogleEmulator emulator;
    private TcpProxy proxy;
    private ServiceStart started;

    @BeforeEach
    void setUp() throws Exception {
        schema = TestBackends.newPostgresSchema();
        redis = TestBackends.newRedisNamespace();
        emulator = GoogleEmulator.builder().port(0).seed(42).users(1).messagesPerUser(5).start();
        URI upstream = URI.create(TestBackends.endpoints().redisUri());
        proxy = new TcpProxy(upstream.getHost(), upstream.getPort());
    }

    @AfterEach
    void tearDown() {
        if (started != null && started.context() != null) {
            started.context().close();
        }
        proxy.close();
        emulator.close();
        redis.close();
        schema.close();
    }

    @Test
    void a_worker_started_before_redis_starts_syncing_once_redis_is_up() throws Exception {
        proxy.goDown();
        Map<String, String> properties = properties(proxy.redisUri());
        CompletableFuture<ServiceStart> start = CompletableFuture.supplyAsync(() -> ServiceStart.worker(properties));
        Thread.sleep(3_000);
        assertThat(start).as("still waiting for Redis").isNotDone();

        proxy.comeBack();
        started = start.get(90, TimeUnit.SECONDS);
        assertThat(started.failure()).as(started.output()).isNull();
        assertThat(started.output()).contains("Waiting for Redis at 127.0.0.1:" + proxy.port())
                .contains("Redis at 127.0.0.1:" + proxy.port() + " answered after");

        JdbcClient jdbc = JdbcClient.create(schema.dataSource());
        await().atMost(60, TimeUnit.SECONDS).until(() -> jdbc.sql(
                "SELECT count(*) FROM gmail_message WHERE deleted_at IS NULL").query(Long.class).single() == 5);
        assertThat(jdbc.sql("SELECT count(*) FROM sync_run WHERE outcome = 'succeeded' AND source = 'gmail'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void a_worker_that_loses_redis_stays_up_not_ready_and_recovers_by_itself() throws Exception {
        started = ServiceStart.worker(properties(proxy.redisUri()));
        assertThat(started.failure()).as(started.output()).isNull();
        HealthEndpoint health = started.context().getBean(HealthEndpoint.class);
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);

        proxy.goDown();
        await().atMost(30, TimeUnit.SECONDS).until(() -> health.healthForPath("readiness").getStatus()
                .equals(Status.DOWN));
        assertThat(started.context().isActive()).isTrue();

        proxy.comeBack();
        await().atMost(30, TimeUnit.SECONDS).until(() -> health.healthForPath("readiness").getStatus()
                .equals(Status.UP));
    }

    private Map<String, String> properties(String redisUri) {
        OAuthCredentials client = emulator.admin().credentials(emulator.admin().email(1));
        Map<String, String> properties = new LinkedHashMap<>(SpringBackendProperties.of(schema, redis));
        properties.put("syncplane.redis.uri", redisUri);
        properties.put("syncplane.startup.timeout", "60s");
        properties.put("server.port", "0");
        properties.put("jobrunr.dashboard.enabled", "false");
        properties.put("syncplane.google.root-url", emulator.rootUrl());
        properties.put("syncplane.google.token-url", emulator.tokenUrl());
        properties.put("syncplane.google.clients[0].id", client.clientId());
        properties.put("syncplane.google.clients[0].secret", client.clientSecret());
        properties.put("syncplane.demo.emulator-admin-url", emulator.adminUrl());
        properties.put("syncplane.demo.accounts", "1");
        return properties;
    }
}
