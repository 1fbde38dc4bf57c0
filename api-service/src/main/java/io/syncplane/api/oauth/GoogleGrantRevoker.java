package io.syncplane.api.oauth;

import com.google.api.client.auth.oauth2.TokenErrorResponse;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.UrlEncodedContent;
import com.google.api.client.json.JsonFactory;
import io.syncplane.connection.RefreshToken;
import io.syncplane.google.GoogleProperties;
import java.io.IOException;
import java.util.Map;

/**
 * Revokes a linked account's grant at Google's revocation endpoint (POST {@code token=<refresh token>}), which ends
 * the refresh token and every access token of the grant.
 */
public final class GoogleGrantRevoker {

    /** How a revocation ended. */
    public enum Outcome {
        /** Google revoked the grant. */
        REVOKED,
        /** Google answered 400 invalid_token: already revoked, expired or never valid; nothing left to revoke. */
        ALREADY_INVALID
    }

    private final HttpTransport transport;
    private final JsonFactory json;
    private final GenericUrl revocationUrl;
    private final GoogleProperties google;

    public GoogleGrantRevoker(HttpTransport transport, JsonFactory json, GoogleOAuthProperties properties,
                              GoogleProperties google) {
        this.transport = transport;
        this.json = json;
        this.revocationUrl = new GenericUrl(properties.revocationUrl());
        this.google = google;
    }

    /**
     * @throws GoogleOAuthUnavailableException on an I/O error or a 5xx: the grant may still be live, retry later
     * @throws RevocationRejectedException     on any other refusal
     */
    public Outcome revoke(RefreshToken refreshToken) {
        try {
            HttpRequest request = transport.createRequestFactory().buildPostRequest(revocationUrl,
                    new UrlEncodedContent(Map.of("token", refreshToken.reveal())));
            request.setThrowExceptionOnExecuteError(false);
            request.setConnectTimeout((int) google.connectTimeout().toMillis());
            request.setReadTimeout((int) google.readTimeout().toMillis());
            HttpResponse response = request.execute();
            try {
                int status = response.getStatusCode();
                if (status == 200) {
                    return Outcome.REVOKED;
                }
                String body = response.parseAsString();
                if (status >= 500) {
                    throw new GoogleOAuthUnavailableException(null, "Google's revocation endpoint answered " + status,
                            null);
                }
                if (status == 400 && "invalid_token".equals(errorOf(body))) {
                    return Outcome.ALREADY_INVALID;
                }
                throw new RevocationRejectedException(status, body);
            } finally {
                response.disconnect();
            }
        } catch (IOException e) {
            throw new GoogleOAuthUnavailableException(null, "cannot reach Google's revocation endpoint: "
                    + e.getMessage(), e);
        }
    }

    private String errorOf(String body) {
        try {
            return json.fromString(body, TokenErrorResponse.class).getError();
        } catch (IOException | IllegalArgumentException e) {
            return null; // not JSON: not the answer we know
        }
    }
}
