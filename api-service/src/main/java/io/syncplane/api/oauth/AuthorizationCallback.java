package io.syncplane.api.oauth;

import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.TokenErrorResponse;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import io.syncplane.connection.RefreshToken;
import io.syncplane.google.GoogleProperties;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finishes linking when Google sends the browser back to the callback: verifies the state, exchanges the code
 * (with the PKCE verifier from the state) at the token endpoint, verifies the ID token and returns the account with
 * its refresh token. Linking it and redirecting are the controller's job.
 */
public final class AuthorizationCallback {

    private final GoogleOAuthProperties properties;
    private final LinkingClient client;
    private final OAuthStateCodec states;
    private final IdTokenValidator idTokens;
    private final HttpTransport transport;
    private final JsonFactory json;
    private final GoogleProperties google;

    public AuthorizationCallback(GoogleOAuthProperties properties, LinkingClient client, OAuthStateCodec states,
                                 IdTokenValidator idTokens, HttpTransport transport, JsonFactory json,
                                 GoogleProperties google) {
        this.properties = properties;
        this.client = client;
        this.states = states;
        this.idTokens = idTokens;
        this.transport = transport;
        this.json = json;
        this.google = google;
    }

    /**
     * The callback's query parameters, each null when absent.
     *
     * @throws InvalidStateException            state missing, tampered with or expired (answer 400, no redirect)
     * @throws AuthorizationDeniedException     Google sent {@code error=} (e.g. access_denied)
     * @throws CodeExchangeFailedException      no code, or the token endpoint refused it
     * @throws InvalidIdTokenException          the ID token does not verify
     * @throws MissingRefreshTokenException     no refresh token came back
     * @throws GoogleOAuthUnavailableException  Google could not be reached or answered 5xx
     * @throws OAuthNotConfiguredException      no linking client is configured
     */
    public LinkedGoogleAccount complete(String code, String state, String error) {
        OAuthState flow = states.open(state);
        URI back = flow.appRedirectUri();
        if (error != null && !error.isBlank()) {
            throw new AuthorizationDeniedException(back, error, null);
        }
        if (code == null || code.isBlank()) {
            throw new CodeExchangeFailedException(back, "invalid_request", "the callback has neither code nor error");
        }
        GoogleProperties.OAuthClient oauthClient = client.require();
        TokenResponse tokens = exchange(oauthClient, code, flow);
        Object idToken = tokens.get("id_token");
        if (!(idToken instanceof String idTokenText)) {
            throw new InvalidIdTokenException(back, "the token response has none", null);
        }
        VerifiedIdToken account;
        try {
            account = idTokens.verify(idTokenText, oauthClient.id(), flow.nonce());
        } catch (IdTokenValidator.IdTokenRejectedException e) {
            throw new InvalidIdTokenException(back, e.getMessage(), e);
        } catch (GoogleOAuthUnavailableException e) {
            throw new GoogleOAuthUnavailableException(back, e.getMessage(), e);
        }
        if (tokens.getRefreshToken() == null || tokens.getRefreshToken().isBlank()) {
            throw new MissingRefreshTokenException(back, account.email());
        }
        return new LinkedGoogleAccount(flow.userId(), back, account.email(), account.subject(), oauthClient.id(),
                RefreshToken.of(tokens.getRefreshToken()), scopes(tokens.getScope()));
    }

    private TokenResponse exchange(GoogleProperties.OAuthClient oauthClient, String code, OAuthState flow) {
        URI back = flow.appRedirectUri();
        try {
            return new AuthorizationCodeTokenRequest(transport, json, new GenericUrl(google.tokenUrl()), code)
                    .setRedirectUri(properties.callbackUrl().toString())
                    .setClientAuthentication(new ClientParametersAuthentication(oauthClient.id(),
                            oauthClient.secret()))
                    .setRequestInitializer(request -> request
                            .setConnectTimeout((int) google.connectTimeout().toMillis())
                            .setReadTimeout((int) google.readTimeout().toMillis()))
                    .set("code_verifier", flow.codeVerifier())
                    .execute();
        } catch (TokenResponseException e) {
            if (e.getStatusCode() >= 500) {
                throw new GoogleOAuthUnavailableException(back, "Google's token endpoint answered "
                        + e.getStatusCode(), e);
            }
            TokenErrorResponse details = e.getDetails();
            String reason = details != null && details.getError() != null ? details.getError()
                    : "http_" + e.getStatusCode();
            throw new CodeExchangeFailedException(back, reason, details == null ? null
                    : details.getErrorDescription());
        } catch (IOException e) {
            throw new GoogleOAuthUnavailableException(back, "cannot reach Google's token endpoint: " + e.getMessage(),
                    e);
        }
    }

    private static Set<String> scopes(String spaceSeparated) {
        return spaceSeparated == null ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(spaceSeparated.trim().split("\\s+")));
    }
}
