package io.syncplane.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Picks Testcontainers or the local services, and checks that what it picked answers. */
final class BackendResolver {

    private BackendResolver() {
    }

    static TestBackends.Endpoints resolve(Map<String, String> env) {
        boolean forceLocal = "local".equalsIgnoreCase(env.getOrDefault("SYNCPLANE_TEST_BACKEND", ""));
        TestBackends.Endpoints endpoints = !forceLocal && dockerAvailable() ? startContainers() : local(env);
        verifyReachable(endpoints);
        return endpoints;
    }

    private static boolean dockerAvailable() {
        if (!dockerMayBeThere()) {
            return false; // Testcontainers' own probe takes seconds to say no; skip it when nothing points at Docker
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean dockerMayBeThere() {
        String home = System.getProperty("user.home", "");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of(home, ".testcontainers.properties"))
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || (runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock")));
    }

    @SuppressWarnings("resource") // containers live for the whole JVM; Testcontainers' reaper removes them
    private static TestBackends.Endpoints startContainers() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");
        postgres.start();
        GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        redis.start();
        return new TestBackends.Endpoints(
                new TestBackends.PostgresEndpoint(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword()),
                "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379),
                "testcontainers");
    }

    private static TestBackends.Endpoints local(Map<String, String> env) {
        return new TestBackends.Endpoints(
                new TestBackends.PostgresEndpoint(
                        env.getOrDefault("SYNCPLANE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                        env.getOrDefault("SYNCPLANE_TEST_PG_USER", "postgres"),
                        env.getOrDefault("SYNCPLANE_TEST_PG_PASSWORD", "")),
                env.getOrDefault("SYNCPLANE_TEST_REDIS_URI", "redis://127.0.0.1:6379"),
                "local services");
    }

    private static void verifyReachable(TestBackends.Endpoints endpoints) {
        TestBackends.PostgresEndpoint pg = endpoints.postgres();
        try (Connection ignored = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            // reachable
        } catch (Exception e) {
            throw new IllegalStateException("No Postgres for tests: no Docker engine and " + pg.jdbcUrl()
                    + " did not answer (" + e.getMessage() + "); start it or set SYNCPLANE_TEST_PG_URL", e);
        }
        RedisClient client = RedisClient.create(endpoints.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.setTimeout(Duration.ofSeconds(5));
            connection.sync().ping();
        } catch (Exception e) {
            throw new IllegalStateException("No Redis for tests: no Docker engine and " + endpoints.redisUri()
                    + " did not answer (" + e.getMessage() + "); start it or set SYNCPLANE_TEST_REDIS_URI", e);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
