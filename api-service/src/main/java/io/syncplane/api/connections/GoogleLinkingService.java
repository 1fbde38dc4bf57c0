package io.syncplane.api.connections;

import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.oauth.AuthorizationCallback;
import io.syncplane.api.oauth.AuthorizationStart;
import io.syncplane.api.oauth.GoogleGrantRevoker;
import io.syncplane.api.oauth.GoogleLinkException;
import io.syncplane.api.oauth.InvalidAppRedirectUriException;
import io.syncplane.api.oauth.InvalidStateException;
import io.syncplane.api.oauth.LinkedGoogleAccount;
import io.syncplane.api.oauth.OAuthNotConfiguredException;
import io.syncplane.api.web.ApiException;
import io.syncplane.connection.ConnectionStore;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Linking a Google account the way a browser does it: the authorize step sends the user to Google's consent page, and
 * the callback turns Google's answer into a connection and a redirect back to the application. The callback carries
 * no API key (the browser comes from Google); the signed state proves an authorised caller started it for that user.
 */
public final class GoogleLinkingService {

    private static final Logger log = LoggerFactory.getLogger(GoogleLinkingService.class);

    private final CallerTransactions transactions;
    private final ConnectionStore connections;
    private final AuthorizationStart start;
    private final AuthorizationCallback callback;
    private final ConnectionService linking;
    private final GoogleGrantRevoker revoker;

    public GoogleLinkingService(CallerTransactions transactions, ConnectionStore connections,
                                AuthorizationStart start, AuthorizationCallback callback, ConnectionService linking,
                                GoogleGrantRevoker revoker) {
        this.transactions = transactions;
        this.connections = connections;
        this.start = start;
        this.callback = callback;
        this.linking = linking;
        this.revoker = revoker;
    }

    /** Google's consent URL for this user; 404 for a user the caller cannot see, 400 for a bad redirect URI. */
    public URI consentUrl(Caller caller, long userId, String redirectUri, Optional<String> loginHint) {
        transactions.read(caller, () -> connections.findUser(userId)
                .orElseThrow(() -> ApiException.notFound("user " + userId)));
        try {
            return start.consentUrl(userId, redirectUri, loginHint);
        } catch (InvalidAppRedirectUriException e) {
            throw ApiException.badParameter("redirectUri", e.getMessage());
        } catch (OAuthNotConfiguredException e) {
            throw notConfigured(e);
        }
    }

    /**
     * Where to send the browser: the application's redirect URI with {@code connectionId}, or with {@code error} when
     * Google or the exchange refused. A state that does not verify is answered with 400: its redirect URI cannot be
     * trusted, so nobody is redirected anywhere.
     */
    public URI complete(String code, String state, String error) {
        LinkedGoogleAccount account;
        try {
            account = callback.complete(code, state, error);
        } catch (InvalidStateException | InvalidAppRedirectUriException e) {
            throw ApiException.badParameter("state", e.getMessage());
        } catch (OAuthNotConfiguredException e) {
            throw notConfigured(e);
        } catch (GoogleLinkException e) {
            log.info("Google account linking refused: {} ({})", e.errorCode(), e.getMessage());
            return e.appRedirectUri().map(uri -> withQuery(uri, "error", e.errorCode()))
                    .orElseThrow(() -> ApiException.badRequest(e.getMessage()));
        }
        if (!account.missingScopes().isEmpty()) {
            // the user unticked some of the read scopes: those sources could never sync, so do not pretend to link
            revokeQuietly(account);
            return withQuery(account.appRedirectUri(), "error", "insufficient_scope");
        }
        ConnectionView linked = linking.linkAuthorized(account.userId(), account.accountEmail(),
                account.oauthClientId(), account.refreshToken());
        return withQuery(account.appRedirectUri(), "connectionId", String.valueOf(linked.id()));
    }

    private void revokeQuietly(LinkedGoogleAccount account) {
        try {
            revoker.revoke(account.refreshToken());
        } catch (RuntimeException e) {
            log.warn("Could not revoke the partial grant of {}: {}", account.accountEmail(), e.getMessage());
        }
    }

    private static ApiException notConfigured(OAuthNotConfiguredException e) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "oauth-not-configured", e.getMessage());
    }

    private static URI withQuery(URI uri, String name, String value) {
        return UriComponentsBuilder.fromUri(uri).queryParam(name, value).build().encode().toUri();
    }
}
