package io.syncplane.worker.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TestBackends;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Each misconfiguration a person is likely to make ends the worker's start within seconds with one line naming the
 * setting and the fix, and no stack trace; the packaged way of running it exits non-zero.
 */
class MisconfigurationTest {

    private static final PostgresSchema SCHEMA = TestBackends.newPostgresSchema();
    private static final RedisNamespace REDIS = TestBackends.newRedisNamespace();
    private static final Duration FAST = Duration.ofSeconds(20); // generous for a loaded 2-core machine

    @AfterAll
    static void dropBackends() {
        SCHEMA.close();
        REDIS.close();
    }

    private static Map<String, String> valid() {
        Map<String, String> properties = new LinkedHashMap<>(SpringBackendProperties.of(SCHEMA, REDIS));
        properties.put("syncplane.google.clients[0].id", "test-client");
        properties.put("syncplane.google.clients[0].secret", "test-secret");
        properties.put("server.port", "0");
        properties.put("jobrunr.dashboard.enabled", "false");
        properties.put("jobrunr.background-job-server.enabled", "false");
        properties.put("syncplane.startup.timeout", "2s");
        return properties;
    }

    @Test
    void a_missing_encryption_key() {
        Map<String, String> properties = valid();
        properties.put("syncplane.crypto.keys.k1", "");
        assertOneLine(ServiceStart.worker(properties), "syncplane.crypto.keys.k1 (SYNCPLANE_CRYPTO_KEY_K1): is empty",
                "openssl rand -base64 32");
    }

    @Test
    void a_malformed_encryption_key() {
        Map<String, String> properties = valid();
        properties.put("syncplane.crypto.keys.k1", "not-a-key!");
        assertOneLine(ServiceStart.worker(properties), "SYNCPLANE_CRYPTO_KEY_K1): is not valid base64",
                "openssl rand -base64 32");
    }

    @Test
    void a_database_that_does_not_exist() {
        Map<String, String> properties = valid();
        properties.put("spring.datasource.url", otherDatabase("syncplane_no_such_db"));
        assertOneLine(ServiceStart.worker(properties),
                "spring.datasource.url (SYNCPLANE_DB_URL): database \"syncplane_no_such_db\" does not exist", "createdb");
    }

    @Test
    void wrong_credentials() {
        Map<String, String> properties = valid();
        properties.put("spring.datasource.username", "syncplane_no_such_role");
        properties.put("spring.datasource.password", "wrong");
        assertOneLine(ServiceStart.worker(properties), "(SYNCPLANE_DB_USER, SYNCPLANE_DB_PASSWORD)",
                "set SYNCPLANE_DB_USER and SYNCPLANE_DB_PASSWORD");
    }

    @Test
    void a_port_already_in_use() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            Map<String, String> properties = valid();
            properties.put("server.port", Integer.toString(taken.getLocalPort()));
            properties.put("spring.application.name", "syncplane-worker");
            assertOneLine(ServiceStart.worker(properties), "server.port (SYNCPLANE_WORKER_PORT): port "
                    + taken.getLocalPort() + " is already in use", "to a free port");
        }
    }

    @Test
    void a_request_rate_that_is_not_positive() {
        Map<String, String> properties = valid();
        properties.put("syncplane.limits.requests.rate", "0");
        assertOneLine(ServiceStart.worker(properties), "syncplane.limits.requests.rate: \"0.0\" is not valid",
                "requests per second");
    }

    @Test
    void a_request_wait_too_short_for_the_rate() {
        Map<String, String> properties = valid();
        properties.put("syncplane.limits.requests.rate", "1");
        properties.put("syncplane.limits.requests.max-wait", "100ms");
        assertOneLine(ServiceStart.worker(properties), "syncplane.limits.requests.max-wait", "at least 1s");
    }

    @Test
    void an_unknown_conflict_policy() {
        Map<String, String> properties = valid();
        properties.put("syncplane.writes.conflicts.calendar", "loudest-wins");
        assertOneLine(ServiceStart.worker(properties),
                "syncplane.writes.conflicts.calendar: is \"loudest-wins\"", "google-wins or application-wins");
    }

    @Test
    void write_attempts_that_are_not_a_number() {
        Map<String, String> properties = valid();
        properties.put("syncplane.writes.max-attempts", "lots");
        assertOneLine(ServiceStart.worker(properties), "syncplane.writes.max-attempts: \"lots\" is not a number",
                "1 or more");
    }

    @Test
    void no_oauth_client_for_the_worker() {
        Map<String, String> properties = valid();
        properties.remove("syncplane.google.clients[0].id");
        properties.remove("syncplane.google.clients[0].secret");
        assertOneLine(ServiceStart.worker(properties), "syncplane.google.clients: no OAuth client is configured",
                "--syncplane.google.clients[0].id=");
    }

    @Test
    void postgres_that_never_answers_is_given_up_on_after_the_startup_timeout() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort(); // free once closed: connections to it are refused
        }
        Map<String, String> properties = valid();
        properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + closed + "/syncplane");
        ServiceStart start = ServiceStart.worker(properties);
        assertOneLine(start, "Postgres at 127.0.0.1:" + closed + " did not answer within 2 s",
                "syncplane.startup.timeout");
        assertThat(start.output()).contains("Waiting for Postgres at 127.0.0.1:" + closed + " (connection refused)");
    }

    /** The packaged way: a JVM of its own, which must exit non-zero having printed the one line and no trace. */
    @Test
    void the_process_exits_non_zero_with_one_line() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                new File(System.getProperty("java.home"), "bin/java").getPath(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.syncplane.worker.WorkerServiceApplication"));
        Map<String, String> properties = valid();
        properties.put("syncplane.crypto.keys.k1", "AAAA"); // valid base64, but 24 bits
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--spring.main.banner-mode=off");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output.lines().filter(line -> line.startsWith("Syncplane did not start:")))
                .as(output).containsExactly("Syncplane did not start: syncplane.crypto.keys.k1 "
                        + "(SYNCPLANE_CRYPTO_KEY_K1): must be a 128-, 192- or 256-bit AES key, got 24 bits. Fix: "
                        + "generate one with `openssl rand -base64 32` and keep it: without it the stored tokens "
                        + "cannot be read.");
        assertThat(output).as(output).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static void assertOneLine(ServiceStart start, String what, String fix) {
        assertThat(start.failure()).as(start.output()).isNotNull();
        assertThat(start.reportLines()).as(start.output()).hasSize(1);
        assertThat(start.reportLines().get(0)).contains(what).contains("Fix: ").contains(fix);
        assertThat(start.output()).as("no stack trace").doesNotContain("\tat ");
        assertThat(start.took()).isLessThan(FAST);
    }

    private static String otherDatabase(String database) {
        String url = SCHEMA.jdbcUrl();
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }
}
