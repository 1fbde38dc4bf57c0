package io.syncplane.testing;

import java.util.Objects;

/**
 * The one place integration tests get their real Postgres and Redis from, resolved once per JVM.
 *
 * <ol>
 *   <li>With a Docker engine, Testcontainers starts Postgres 16 and Redis 7.</li>
 *   <li>Otherwise the local services: {@code SYNCPLANE_TEST_PG_URL} (default
 *   {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code SYNCPLANE_TEST_PG_USER} (default {@code postgres}),
 *   {@code SYNCPLANE_TEST_PG_PASSWORD} (default empty), {@code SYNCPLANE_TEST_REDIS_URI} (default
 *   {@code redis://127.0.0.1:6379}).</li>
 *   <li>Where a default address does not answer, an embedded Postgres 14 (zonky, as superuser {@code postgres}) or
 *   Redis 6.2 started for this JVM and stopped when it exits. An address set explicitly that does not answer is an
 *   error instead.</li>
 * </ol>
 * {@code SYNCPLANE_TEST_BACKEND=local} skips the Docker probe and never falls back; {@code =embedded} uses embedded
 * ones only. When nothing works, tests fail with one line saying so.
 */
public final class TestBackends {

    private static volatile Endpoints endpoints;

    private TestBackends() {
    }

    public static Endpoints endpoints() {
        Endpoints current = endpoints;
        if (current == null) {
            synchronized (TestBackends.class) {
                current = endpoints;
                if (current == null) {
                    current = BackendResolver.resolve(System.getenv());
                    endpoints = current;
                }
            }
        }
        return current;
    }

    /** A fresh, empty Postgres schema of its own for one test class or test. */
    public static PostgresSchema newPostgresSchema() {
        return PostgresSchema.create(endpoints().postgres());
    }

    /** A Redis key prefix no other test uses; {@link RedisNamespace#close()} deletes its keys. */
    public static RedisNamespace newRedisNamespace() {
        return RedisNamespace.create(endpoints().redisUri());
    }

    public record Endpoints(PostgresEndpoint postgres, String redisUri, String origin) {
        public Endpoints {
            Objects.requireNonNull(postgres);
            Objects.requireNonNull(redisUri);
        }
    }

    public record PostgresEndpoint(String jdbcUrl, String user, String password) {
    }
}
