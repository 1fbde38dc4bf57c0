package io.syncplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connection.ConnectionRegistry;
import io.syncplane.connection.RefreshToken;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TestBackends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service starts against a real, empty database, migrates it, and its ledger works. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ApiServiceApplicationTest {

    private static final PostgresSchema SCHEMA = TestBackends.newPostgresSchema();
    private static final RedisNamespace REDIS = TestBackends.newRedisNamespace();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        SpringBackendProperties.of(SCHEMA, REDIS).forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void dropBackends() {
        SCHEMA.close();
        REDIS.close();
    }

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    SyncStateStore states;

    @Test
    void starts_migrates_and_links_an_account() {
        ConnectionRegistry.LinkedAccount linked =
                registry.connect("app-user-1", "someone@example.test", "client", RefreshToken.of("secret"));

        assertThat(states.findByConnection(linked.connection().id())).hasSize(4);
    }
}
