package io.syncplane.worker.demo;

import io.syncplane.connection.ConnectionRegistry;
import io.syncplane.connection.ConnectionStore;
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
 * one that is not linked yet, through the same {@link ConnectionRegistry} a real onboarding uses. The stale-sync
 * scanner then finds the new syncs due and the workers run their first full syncs.
 */
public class LinkEmulatorAccounts {

    private static final Logger log = LoggerFactory.getLogger(LinkEmulatorAccounts.class);

    private final DemoProperties properties;
    private final ConnectionRegistry registry;
    private final ConnectionStore connections;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public LinkEmulatorAccounts(DemoProperties properties, ConnectionRegistry registry, ConnectionStore connections) {
        this.properties = properties;
        this.registry = registry;
        this.connections = connections;
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
        log.info("Demo: linked {} emulator accounts ({} were linked already)", linked, users.size() - linked);
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
