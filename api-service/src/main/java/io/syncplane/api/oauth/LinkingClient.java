package io.syncplane.api.oauth;

import io.syncplane.google.GoogleProperties;
import java.util.Optional;

/**
 * The OAuth client accounts are linked with: {@code syncplane.api.oauth.client-id}, with its secret from
 * {@code syncplane.google.clients} (the list the workers refresh tokens with, so a linked account's refresh token is
 * usable by them). Empty when linking is not configured.
 */
public final class LinkingClient {

    private final GoogleProperties.OAuthClient client;

    private LinkingClient(GoogleProperties.OAuthClient client) {
        this.client = client;
    }

    /** Fails when a client id is configured but is none of {@code syncplane.google.clients}. */
    public static LinkingClient resolve(GoogleOAuthProperties oauth, GoogleProperties google) {
        if (oauth.clientId() == null) {
            return new LinkingClient(null);
        }
        return google.client(oauth.clientId()).map(LinkingClient::new).orElseThrow(() -> new IllegalStateException(
                "syncplane.api.oauth.client-id (SYNCPLANE_OAUTH_CLIENT_ID) is " + oauth.clientId()
                        + ", which is none of syncplane.google.clients " + google.clients().stream()
                        .map(GoogleProperties.OAuthClient::id).toList()
                        + ": add it there with its secret, so the workers can refresh the tokens it links"));
    }

    public static LinkingClient of(GoogleProperties.OAuthClient client) {
        return new LinkingClient(client);
    }

    public Optional<GoogleProperties.OAuthClient> client() {
        return Optional.ofNullable(client);
    }

    /** The client, or {@link OAuthNotConfiguredException}. */
    GoogleProperties.OAuthClient require() {
        if (client == null) {
            throw new OAuthNotConfiguredException();
        }
        return client;
    }
}
