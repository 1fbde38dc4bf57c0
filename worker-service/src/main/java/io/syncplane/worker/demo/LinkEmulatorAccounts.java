package io.syncplane.worker.demo;

import io.syncplane.connection.ConnectionRegistry;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.worker.maintenance.EnqueueDueSyncsTask;
import io.syncplane.connection.RefreshToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Demo bootstrap: reads user emails and their OAuth credentials from the Google emulator's admin API and links each
 * one that is not linked yet, through the same {@link ConnectionRegistry} a real onboarding uses, then hands the new
 * syncs to the queue at once (the same scan the stale-sync scanner runs), so the first full syncs start within
 * seconds of the demo's banner rather than at JobRunr's first scan.
 */
public class LinkEmulatorAccounts {

    private static final Logger log = LoggerFactory.getLogger(LinkEmulatorAccounts.class);

    private final DemoProperties properties;
    private final ConnectionRegistry registry;
    private final ConnectionStore connections;
    private final EnqueueDueSyncsTask enqueueDue;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public LinkEmulatorAccounts(DemoProperties properties, ConnectionRegistry registry, ConnectionStore connections,
                                EnqueueDueSyncsTask enqueueDue) {
        this.properties = properties;
        this.registry = registry;
        this.connections = connections;
        this.enqueueDue = enqueueDue;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void link() throws IOException, InterruptedException {
        String admin = properties.emulatorAdminUrl().replaceAll("/+$", "");
        JsonNode users = get(admin + "/users?limit=" + properties.accounts()).get("users");
        int linked = 0;
        for (JsonNode user : users) {
            String email = user.asString();
            if (connections.findUser(email).isPresent()) {
                continue;
            }
            JsonNode credentials = get(admin + "/users/" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                    + "/credentials");
            registry.connect(email, email, credentials.get("clientId").asString(),
                    RefreshToken.of(credentials.get("refreshToken").asString()));
            linked++;
        }
        int enqueued = enqueueDue.run();
        log.info("Demo: linked {} emulator accounts ({} were linked already); {} syncs due now", linked,
                users.size() - linked, enqueued);
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
