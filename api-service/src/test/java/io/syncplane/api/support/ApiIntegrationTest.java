package io.syncplane.api.support;

import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TestBackends;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The api-service on a random port against its own schema and Redis prefix, shared by every test class that extends
 * this (one Spring context for all of them): tests make their own users, so they never see each other's rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiIntegrationTest {

    public static final String OPERATOR_KEY = "test-operator-key-0123456789";
    public static final String OAUTH_CLIENT = "test-client.apps.example.test";

    protected static final PostgresSchema SCHEMA = TestBackends.newPostgresSchema();
    protected static final RedisNamespace REDIS = TestBackends.newRedisNamespace();
    private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SCHEMA.close();
            REDIS.close();
        }));
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        SpringBackendProperties.of(SCHEMA, REDIS).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("syncplane.api.bootstrap-key", () -> OPERATOR_KEY);
        registry.add("syncplane.google.clients[0].id", () -> OAUTH_CLIENT);
        registry.add("syncplane.google.clients[0].secret", () -> "test-secret");
        // nothing listens there: removing a connection in these tests shows how a failed revocation is reported
        registry.add("syncplane.api.oauth.revocation-url", () -> "http://127.0.0.1:9/revoke");
    }

    protected ApiClient operator() {
        return new ApiClient("http://127.0.0.1:" + port, OPERATOR_KEY);
    }

    protected ApiClient anonymous() {
        return new ApiClient("http://127.0.0.1:" + port, null);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UNIQUE.incrementAndGet();
    }
}
