package io.syncplane.api.e2e;

import static io.syncplane.api.support.ServiceStart.ownConfig;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ServiceStart;
import io.syncplane.emulator.EmulatorBuilder;
import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TestBackends;
import io.syncplane.worker.WorkerServiceApplication;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The api-service and a real worker side by side against an emulator of their own, a schema and a Redis prefix of
 * their own, as the end-to-end tests run them. Every poll is an hour away, so only what a test triggers (or pushes)
 * syncs. Closing it stops all of them; so does a start that fails half-way, so a broken start leaves nothing running
 * for the next test class.
 */
final class E2eServices implements AutoCloseable {

    static final String OPERATOR_KEY = "e2e-operator-key-0123456789";

    /** What has started so far, the newest first: closed in that order, by close() or by a start that failed. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final GoogleEmulator emulator;
    private final PostgresSchema schema;
    private final RedisNamespace redis;
    private final ConfigurableApplicationContext worker;
    private final ApiClient client;

    /**
     * @param emulator the emulator to start and serve both services
     * @param apiPort  fixed up front: the OAuth callback URL (and any webhook URL) is fixed when the api-service starts
     * @param settings extra properties for both services
     */
    static E2eServices start(EmulatorBuilder emulator, int apiPort, Map<String, String> settings) throws IOException {
        return new E2eServices(emulator, apiPort, settings);
    }

    private E2eServices(EmulatorBuilder emulatorBuilder, int apiPort, Map<String, String> settings)
            throws IOException {
        try {
            emulator = started(emulatorBuilder.start());
            schema = started(TestBackends.newPostgresSchema());
            redis = started(TestBackends.newRedisNamespace());
            OAuthCredentials oauthClient = emulator.admin().credentials(emulator.admin().email(1));
            started(ServiceStart.api(apiProperties(oauthClient, apiPort, settings)));
            worker = started(ServiceStart.run(WorkerServiceApplication.class,
                    workerProperties(oauthClient, settings)));
            client = new ApiClient("http://127.0.0.1:" + apiPort, OPERATOR_KEY);
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T started(T part) {
        started.push(part);
        return part;
    }

    private Map<String, String> commonProperties(OAuthCredentials oauthClient, Map<String, String> settings) {
        Map<String, String> common = new LinkedHashMap<>(SpringBackendProperties.of(schema, redis));
        common.put("syncplane.google.root-url", emulator.rootUrl());
        common.put("syncplane.google.token-url", emulator.tokenUrl());
        // the emulator signs its pushes, as Google does, with keys it serves itself (used once push is enabled)
        common.put("syncplane.push.jwks-url", emulator.jwksUrl());
        common.put("syncplane.google.clients[0].id", oauthClient.clientId());
        common.put("syncplane.google.clients[0].secret", oauthClient.clientSecret());
        common.putAll(settings);
        return common;
    }

    private Map<String, String> apiProperties(OAuthCredentials oauthClient, int apiPort,
                                              Map<String, String> settings) {
        Map<String, String> apiProperties = commonProperties(oauthClient, settings);
        apiProperties.put("server.port", String.valueOf(apiPort));
        apiProperties.put("syncplane.api.bootstrap-key", OPERATOR_KEY);
        apiProperties.put("syncplane.api.oauth.client-id", oauthClient.clientId());
        apiProperties.put("syncplane.api.oauth.authorization-url", emulator.authorizationUrl());
        apiProperties.put("syncplane.api.oauth.revocation-url", emulator.revocationUrl());
        apiProperties.put("syncplane.api.oauth.jwks-url", emulator.jwksUrl());
        apiProperties.put("syncplane.api.oauth.state-key", "e2e-state-key-of-at-least-32-characters!");
        return apiProperties;
    }

    private Map<String, String> workerProperties(OAuthCredentials oauthClient, Map<String, String> settings)
            throws IOException {
        Map<String, String> workerProperties = commonProperties(oauthClient, settings);
        // both services' application.yml sit at the classpath root here; the worker must read its own
        workerProperties.put("spring.config.location", ownConfig("worker-service"));
        workerProperties.put("server.port", "0");
        workerProperties.put("jobrunr.dashboard.enabled", "false");
        for (String source : List.of("gmail", "calendar", "contacts", "tasks")) {
            workerProperties.put("syncplane.worker.poll-intervals." + source, "1h");
        }
        return workerProperties;
    }

    ApiClient client() {
        return client;
    }

    GoogleEmulator emulator() {
        return emulator;
    }

    /** Where the worker serves its actuator (and so its Prometheus metrics). */
    String workerUrl() {
        return "http://127.0.0.1:" + ServiceStart.port(worker);
    }

    /** Stops what started, newest first, each part whatever the one before it threw; the first failure is thrown. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
