package io.syncplane.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Spring properties that point a service under test at a test schema and Redis namespace. */
public final class SpringBackendProperties {

    /** A fixed 256-bit key for tests only. */
    public static final String TEST_ENCRYPTION_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private SpringBackendProperties() {
    }

    public static Map<String, String> of(PostgresSchema schema, RedisNamespace redis) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", schema.jdbcUrl());
        properties.put("spring.datasource.username", schema.user());
        properties.put("spring.datasource.password", schema.password());
        properties.put("syncplane.redis.uri", TestBackends.endpoints().redisUri());
        properties.put("syncplane.redis.key-prefix", redis.prefix());
        properties.put("syncplane.crypto.primary-key", "k1");
        properties.put("syncplane.crypto.keys.k1", TEST_ENCRYPTION_KEY);
        // The per-user request budget stays on (every request still takes a Redis permit), but tests about something
        // else must not wait on its production default of 1 request/s; the budget itself is tested at tight limits
        // (RequestPermitsContract, RequestBudgetTest, ./bench/run rate-accuracy).
        properties.put("syncplane.limits.requests.rate", "200");
        properties.put("syncplane.limits.requests.burst", "50");
        return properties;
    }
}
