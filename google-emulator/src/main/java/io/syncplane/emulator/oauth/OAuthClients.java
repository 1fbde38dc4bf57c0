package io.syncplane.emulator.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth clients the emulator knows: the default one every seeded user has authorised, plus any registered by a
 * test or the admin API. A client with no registered redirect URIs accepts any http(s) redirect, so tests need no
 * set-up; registering some makes the authorization endpoint demand an exact match, as Google does.
 */
public final class OAuthClients {

    private final OAuthClient defaultClient;
    private final Map<String, Registration> clients = new ConcurrentHashMap<>();

    public OAuthClients(OAuthClient defaultClient) {
        this.defaultClient = defaultClient;
        clients.put(defaultClient.clientId(), new Registration(defaultClient, List.of()));
    }

    /** A client and the redirect URIs registered for it (empty: any http or https URI). */
    public record Registration(OAuthClient client, List<String> redirectUris) {
        public Registration {
            redirectUris = List.copyOf(redirectUris);
        }
    }

    public OAuthClient defaultClient() {
        return defaultClient;
    }

    public Optional<OAuthClient> find(String clientId) {
        Registration registration = clientId == null ? null : clients.get(clientId);
        return registration == null ? Optional.empty() : Optional.of(registration.client());
    }

    /** The client whose id and secret these are; 401 {@code invalid_client} otherwise, as Google answers. */
    public OAuthClient authenticate(String clientId, String clientSecret) {
        OAuthClient client = find(clientId)
                .orElseThrow(() -> new OAuthException(401, "invalid_client", "The OAuth client was not found."));
        // constant-time, so the emulator is no worse an example than the thing it stands in for
        if (clientSecret == null || !MessageDigest.isEqual(client.clientSecret().getBytes(StandardCharsets.UTF_8),
                clientSecret.getBytes(StandardCharsets.UTF_8))) {
            throw new OAuthException(401, "invalid_client", "Unauthorized");
        }
        return client;
    }

    /** Adds a client or replaces one (the default client's secret can change too; its users' grants stay). */
    public void register(OAuthClient client, List<String> redirectUris) {
        redirectUris.forEach(RedirectUris::requireWellFormed);
        clients.put(client.clientId(), new Registration(client, redirectUris));
    }

    /** Sets the redirect URIs of a known client; an empty list allows any http(s) redirect again. */
    public void redirectUris(String clientId, List<String> redirectUris) {
        Registration current = registration(clientId);
        register(current.client(), redirectUris);
    }

    public List<String> redirectUris(String clientId) {
        return registration(clientId).redirectUris();
    }

    /** Exact match, including scheme, case and trailing slash, when URIs are registered. */
    public boolean redirectAllowed(String clientId, String redirectUri) {
        List<String> registered = registration(clientId).redirectUris();
        return registered.isEmpty() || registered.contains(redirectUri);
    }

    public List<Registration> all() {
        return new ArrayList<>(clients.values());
    }

    private Registration registration(String clientId) {
        Registration registration = clients.get(clientId);
        if (registration == null) {
            throw new NoSuchElementException("no OAuth client " + clientId);
        }
        return registration;
    }
}
