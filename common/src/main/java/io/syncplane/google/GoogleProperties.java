package io.syncplane.google;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Google is and who we are to it.
 *
 * @param rootUrl        overrides every API's root URL (the emulator: {@code http://127.0.0.1:8089/}); empty for Google
 * @param tokenUrl       the OAuth token endpoint
 * @param clients        the OAuth clients whose grants connections may hold
 * @param connectTimeout HTTP connect timeout
 * @param readTimeout    HTTP read timeout
 * @param refreshMargin  refresh an access token this long before it expires
 */
@ConfigurationProperties("syncplane.google")
public record GoogleProperties(String rootUrl, String tokenUrl, List<OAuthClient> clients, Duration connectTimeout,
                               Duration readTimeout, Duration refreshMargin) {

    public GoogleProperties {
        tokenUrl = tokenUrl == null || tokenUrl.isBlank() ? "https://oauth2.googleapis.com/token" : tokenUrl;
        clients = clients == null ? List.of() : List.copyOf(clients);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        refreshMargin = refreshMargin == null ? Duration.ofMinutes(5) : refreshMargin;
    }

    public Optional<String> rootUrlOverride() {
        return rootUrl == null || rootUrl.isBlank() ? Optional.empty()
                : Optional.of(rootUrl.endsWith("/") ? rootUrl : rootUrl + "/");
    }

    public Optional<OAuthClient> client(String clientId) {
        return clients.stream().filter(client -> client.id().equals(clientId)).findFirst();
    }

    /** An OAuth client registered with Google; its secret is never logged. */
    public record OAuthClient(String id, String secret) {
        @Override
        public String toString() {
            return "OAuthClient[id=" + id + ", secret=redacted]";
        }
    }
}
