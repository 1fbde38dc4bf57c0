package io.syncplane.api.e2e;

import static io.syncplane.api.support.ServiceStart.ownConfig;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ServiceStart;
import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TestBackends;
import io.syncplane.worker.WorkerServiceApplication;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The api-service and a real worker side by side against one emulator, a schema and a Redis prefix of their own, as
 * the end-to-end tests run them. Every poll is an hour away, so only what a test triggers (or pushes) syncs.
 */
final class E2eServices implements AutoCloseable {

    static final String OPERATOR_KEY = "e2e-operator-key-0123456789";

    private final PostgresSchema schema = TestBackends.newPostgresSchema();
    private final RedisNamespace redis = TestBackends.newRedisNamespace();
    private final ConfigurableApplicationContext api;
    private final ConfigurableApplicationContext worker;
    private final ApiClient client;

    /**
     * @param apiPort  fixed up front: the OAuth callback URL (and any webhook URL) is fixed when the api-service starts
     * @param settings extra properties for both services
     */
    E2eServices(GoogleEmulator emulator, int apiPort, Map<String, String> settings) throws IOException {
        OAuthCredentials oauthClient = emulator.admin().credentials(emulator.admin().email(1));
        Map<String, String> common = new LinkedHashMap<>(SpringBackendProperties.of(schema, redis));
        common.put("syncplane.google.root-url", emulator.rootUrl());
        common.put("syncplane.google.token-url", emulator.tokenUrl());
        common.put("syncplane.google.clients[0].id", oauthClient.clientId());
        common.put("syncplane.google.clients[0].secret", oauthClient.clientSecret());
        common.putAll(settings);

        Map<String, String> apiProperties = new LinkedHashMap<>(common);
        apiProperties.put("server.port", String.valueOf(apiPort));
        apiProperties.put("syncplane.api.bootstrap-key", OPERATOR_KEY);
        apiProperties.put("syncplane.api.oauth.client-id", oauthClient.clientId());
        apiProperties.put("syncplane.api.oauth.authorization-url", emulator.authorizationUrl());
        apiProperties.put("syncplane.api.oauth.revocation-url", emulator.revocationUrl());
        apiProperties.put("syncplane.api.oauth.jwks-url", emulator.jwksUrl());
        apiProperties.put("syncplane.api.oauth.state-key", "e2e-state-key-of-at-least-32-characters!");
        api = ServiceStart.api(apiProperties);

        Map<String, String> workerProperties = new LinkedHashMap<>(common);
        // both services' application.yml sit at the classpath root here; the worker must read its own
        workerProperties.put("spring.config.location", ownConfig("worker-service"));
        workerProperties.put("server.port", "0");
        workerProperties.put("jobrunr.dashboard.enabled", "false");
        for (String source : List.of("gmail", "calendar", "contacts", "tasks")) {
            workerProperties.put("syncplane.worker.poll-intervals." + source, "1h");
        }
        worker = ServiceStart.run(WorkerServiceApplication.class, workerProperties);
        client = new ApiClient("http://127.0.0.1:" + apiPort, OPERATOR_KEY);
    }

    ApiClient client() {
        return client;
    }

    /** Where the worker serves its actuator (and so its Prometheus metrics). */
    String workerUrl() {
        return "http://127.0.0.1:" + ServiceStart.port(worker);
    }

    @Override
    public void close() {
        worker.close();
        api.close();
        schema.close();
        redis.close();
    }
}
