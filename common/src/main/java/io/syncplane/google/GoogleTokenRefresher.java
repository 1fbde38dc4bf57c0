package io.syncplane.google;

import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.RefreshTokenRequest;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import io.syncplane.connection.RefreshToken;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@link TokenRefresher} on the Google OAuth client library's refresh_token grant. */
public final class GoogleTokenRefresher implements TokenRefresher {

    private final HttpTransport transport;
    private final JsonFactory json;
    private final GenericUrl tokenUrl;
    private final Clock clock;

    public GoogleTokenRefresher(HttpTransport transport, JsonFactory json, String tokenUrl, Clock clock) {
        this.transport = transport;
        this.json = json;
        this.tokenUrl = new GenericUrl(tokenUrl);
        this.clock = clock;
    }

    @Override
    public AccessToken refresh(GoogleProperties.OAuthClient client, RefreshToken refreshToken) throws IOException {
        Instant requestedAt = clock.instant();
        try {
            TokenResponse response = new RefreshTokenRequest(transport, json, tokenUrl, refreshToken.reveal())
                    .setClientAuthentication(new ClientParametersAuthentication(client.id(), client.secret()))
                    .execute();
            long lifetime = response.getExpiresInSeconds() == null ? 3600 : response.getExpiresInSeconds();
            // measured from the request, not the response, so a slow answer cannot make us trust a token too long
            return new AccessToken(response.getAccessToken(), requestedAt.plus(Duration.ofSeconds(lifetime)));
        } catch (TokenResponseException e) {
            if (e.getDetails() != null && "invalid_grant".equals(e.getDetails().getError())) {
                throw new InvalidGrantException("invalid_grant: " + e.getDetails().getErrorDescription(), e);
            }
            throw e;
        }
    }
}
