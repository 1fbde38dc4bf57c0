package io.syncplane.api.oauth;

import io.syncplane.connection.RefreshToken;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Google account the user has just authorised: what the callback controller links (with
 * {@code ConnectionRegistry.connect}) before sending the browser back to {@code appRedirectUri}.
 *
 * @param subject       Google's stable account id ({@code sub}); the email can change, this cannot
 * @param oauthClientId the client the refresh token belongs to (one of {@code syncplane.google.clients})
 * @param grantedScopes what the user granted; Google lets users untick scopes, so a source whose scope is missing
 *                      will fail with 403 until the user links again
 */
public record LinkedGoogleAccount(long userId, URI appRedirectUri, String accountEmail, String subject,
                                  String oauthClientId, RefreshToken refreshToken, Set<String> grantedScopes) {

    public LinkedGoogleAccount {
        grantedScopes = Set.copyOf(grantedScopes);
    }

    /** The {@link AuthorizationStart#READ_SCOPES} the user did not grant; empty when all were. */
    public Set<String> missingScopes() {
        return AuthorizationStart.READ_SCOPES.stream().filter(scope -> !grantedScopes.contains(scope))
                .collect(Collectors.toUnmodifiableSet());
    }
}
