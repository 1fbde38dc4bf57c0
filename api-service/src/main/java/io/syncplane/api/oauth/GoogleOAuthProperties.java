package io.syncplane.api.oauth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the api-service links Google accounts (authorization code + PKCE). The token endpoint is
 * {@code syncplane.google.token-url}; the client's secret comes from {@code syncplane.google.clients}. Environment
 * variables are mapped in {@code oauth-defaults.properties} beside this class.
 *
 * @param clientId         the OAuth client accounts are linked with; one of {@code syncplane.google.clients}; blank
 *                         disables linking ({@code SYNCPLANE_OAUTH_CLIENT_ID})
 * @param authorizationUrl Google's consent page ({@code SYNCPLANE_GOOGLE_AUTH_URL})
 * @param revocationUrl    where grants are revoked ({@code SYNCPLANE_GOOGLE_REVOKE_URL})
 * @param jwksUrl          the keys ID tokens are signed with ({@code SYNCPLANE_GOOGLE_JWKS_URL})
 * @param stateKey         secret the {@code state} parameter is signed and encrypted with, at least 32 characters,
 *                         the same on every instance ({@code SYNCPLANE_OAUTH_STATE_KEY}); blank: a random key per
 *                         process
 * @param stateTtl         how long a consent may take, from the authorize call to the callback
 * @param callbackUrl      the public URL of {@code GET /v1/oauth/google/callback}, registered with Google as a
 *                         redirect URI ({@code SYNCPLANE_API_PUBLIC_URL} + that path)
 */
@ConfigurationProperties("syncplane.api.oauth")
public record GoogleOAuthProperties(String clientId, URI authorizationUrl, URI revocationUrl, URI jwksUrl,
                                    String stateKey, Duration stateTtl, URI callbackUrl) {

    public static final URI GOOGLE_AUTHORIZATION_URL = URI.create("https://accounts.google.com/o/oauth2/v2/auth");
    public static final URI GOOGLE_REVOCATION_URL = URI.create("https://oauth2.googleapis.com/revoke");
    public static final URI GOOGLE_JWKS_URL = URI.create("https://www.googleapis.com/oauth2/v3/certs");
    public static final Duration DEFAULT_STATE_TTL = Duration.ofMinutes(10);
    public static final URI DEFAULT_CALLBACK_URL = URI.create("http://127.0.0.1:8080/v1/oauth/google/callback");

    public GoogleOAuthProperties {
        clientId = clientId == null || clientId.isBlank() ? null : clientId.trim();
        authorizationUrl = authorizationUrl == null ? GOOGLE_AUTHORIZATION_URL : authorizationUrl;
        revocationUrl = revocationUrl == null ? GOOGLE_REVOCATION_URL : revocationUrl;
        jwksUrl = jwksUrl == null ? GOOGLE_JWKS_URL : jwksUrl;
        stateKey = stateKey == null || stateKey.isBlank() ? null : stateKey;
        stateTtl = stateTtl == null ? DEFAULT_STATE_TTL : stateTtl;
        callbackUrl = callbackUrl == null ? DEFAULT_CALLBACK_URL : callbackUrl;
        if (stateTtl.isNegative() || stateTtl.isZero()) {
            throw new IllegalArgumentException("syncplane.api.oauth.state-ttl must be positive: " + stateTtl);
        }
        for (URI url : new URI[] {authorizationUrl, revocationUrl, jwksUrl, callbackUrl}) {
            if (!url.isAbsolute()) {
                throw new IllegalArgumentException("syncplane.api.oauth URLs must be absolute: " + url);
            }
        }
    }

    @Override
    public String toString() {
        return "GoogleOAuthProperties[clientId=" + clientId + ", authorizationUrl=" + authorizationUrl
                + ", revocationUrl=" + revocationUrl + ", jwksUrl=" + jwksUrl + ", stateKey="
                + (stateKey == null ? "random" : "redacted") + ", stateTtl=" + stateTtl + ", callbackUrl="
                + callbackUrl + "]";
    }
}
