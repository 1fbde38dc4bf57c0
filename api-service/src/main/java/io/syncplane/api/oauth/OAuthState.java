package io.syncplane.api.oauth;

import java.net.URI;
import java.time.Instant;

/**
 * What the {@code state} parameter carries from the authorize call to the callback.
 *
 * @param nonce        random per flow; also sent as the OpenID {@code nonce}, so the ID token must come from this flow
 * @param codeVerifier the PKCE secret; encrypted inside the state, never readable by the browser
 */
public record OAuthState(long userId, URI appRedirectUri, String nonce, String codeVerifier, Instant expiresAt) {

    @Override
    public String toString() {
        return "OAuthState[userId=" + userId + ", appRedirectUri=" + appRedirectUri + ", nonce=" + nonce
                + ", codeVerifier=redacted, expiresAt=" + expiresAt + "]";
    }
}
