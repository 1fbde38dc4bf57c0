package io.syncplane.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.syncplane.launcher.EmbeddedPostgresServer;
import io.syncplane.launcher.EmbeddedRedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Picks the tests' Postgres and Redis: Testcontainers when a Docker engine answers, else the configured or default
 * local services when they answer, else embedded ones (each of Postgres and Redis on its own, so a machine with a
 * local Postgres but no Redis still runs). Configured addresses that do not answer are an error, not a reason to
 * fall back: whoever set them meant those.
 */
final class BackendResolver {

    private static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String DEFAULT_REDIS_URI = "redis://127.0.0.1:6379";
    private static final String EMBEDDED_DATABASE = "test";

    private BackendResolver() {
    }

    static TestBackends.Endpoints resolve(Map<String, String> env) {
        String mode = env.getOrDefault("SYNCPLANE_TEST_BACKEND", "").toLowerCase();
        if (mode.equals("embedded")) {
            return new TestBackends.Endpoints(embeddedPostgres(), embeddedRedis(), "embedded");
        }
        if (!mode.equals("local") && dockerAvailable()) {
            return startContainers();
        }
        return localOrEmbedded(env, mode.equals("local"));
    }

    private static TestBackends.Endpoints localOrEmbedded(Map<String, String> env, boolean localOnly) {
        String pgUrl = env.get("SYNCPLANE_TEST_PG_URL");
        String redisUri = env.get("SYNCPLANE_TEST_REDIS_URI");
        TestBackends.PostgresEndpoint localPg = new TestBackends.PostgresEndpoint(
                pgUrl == null ? DEFAULT_PG_URL : pgUrl,
                env.getOrDefault("SYNCPLANE_TEST_PG_USER", "postgres"),
                env.getOrDefault("SYNCPLANE_TEST_PG_PASSWORD", ""));
        String localRedis = redisUri == null ? DEFAULT_REDIS_URI : redisUri;

        Optional<String> pgProblem = postgresProblem(localPg);
        Optional<String> redisProblem = redisProblem(localRedis);
        boolean mustUsePg = localOnly || pgUrl != null;
        boolean mustUseRedis = localOnly || redisUri != null;
        if (pgProblem.isPresent() && mustUsePg) {
            throw new IllegalStateException("No Postgres for tests: " + localPg.jdbcUrl() + " did not answer ("
                    + pgProblem.get() + "); start it, fix SYNCPLANE_TEST_PG_URL, or unset it for embedded Postgres");
        }
        if (redisProblem.isPresent() && mustUseRedis) {
            throw new IllegalStateException("No Redis for tests: " + localRedis + " did not answer ("
                    + redisProblem.get() + "); start it, fix SYNCPLANE_TEST_REDIS_URI, or unset it for embedded Redis");
        }
        TestBackends.PostgresEndpoint pg = pgProblem.isPresent() ? embeddedPostgres() : localPg;
        String redis = redisProblem.isPresent() ? embeddedRedis() : localRedis;
        String origin = (pgProblem.isPresent() ? "embedded Postgres" : "local Postgres") + ", "
                + (redisProblem.isPresent() ? "embedded Redis" : "local Redis");
        return new TestBackends.Endpoints(pg, redis, origin);
    }

    private static TestBackends.PostgresEndpoint embeddedPostgres() {
        EmbeddedPostgresServer server;
        try {
            server = EmbeddedPostgresServer.start(0, Optional.empty());
        } catch (RuntimeException e) {
            throw new IllegalStateException("No Postgres for tests: no Docker engine, nothing at " + DEFAULT_PG_URL
                    + ", and embedded Postgres did not start (" + e.getMessage() + "); set SYNCPLANE_TEST_PG_URL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        server.ensureDatabase(EMBEDDED_DATABASE);
        return new TestBackends.PostgresEndpoint(server.jdbcUrl(EMBEDDED_DATABASE), EmbeddedPostgresServer.SUPERUSER,
                "");
    }

    private static String embeddedRedis() {
        EmbeddedRedisServer server;
        try {
            server = EmbeddedRedisServer.start(0);
        } catch (RuntimeException e) {
            throw new IllegalStateException("No Redis for tests: no Docker engine, nothing at " + DEFAULT_REDIS_URI
                    + ", and embedded Redis did not start (" + e.getMessage() + "); set SYNCPLANE_TEST_REDIS_URI", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-redis-stop"));
        return server.uri();
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

    private static Optional<String> postgresProblem(TestBackends.PostgresEndpoint pg) {
        Properties properties = new Properties();
        properties.setProperty("user", pg.user());
        properties.setProperty("password", pg.password());
        properties.setProperty("connectTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(pg.jdbcUrl(), properties)) {
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private static Optional<String> redisProblem(String uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.setTimeout(Duration.ofSeconds(5));
            connection.sync().ping();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(String.valueOf(e.getMessage()));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
