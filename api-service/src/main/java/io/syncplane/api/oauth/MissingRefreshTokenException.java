package io.syncplane.api.oauth;

import java.net.URI;

/**
 * The exchange succeeded but brought no refresh token, so there is nothing to sync with. Google omits it when no
 * consent screen was shown; the consent URL always asks for {@code prompt=consent}, so this means a misbehaving
 * proxy or client configuration.
 */
public final class MissingRefreshTokenException extends GoogleLinkException {

    private final String accountEmail;

    MissingRefreshTokenException(URI appRedirectUri, String accountEmail) {
        super("Google issued no refresh token for " + accountEmail, appRedirectUri, null);
        this.accountEmail = accountEmail;
    }

    public String accountEmail() {
        return accountEmail;
    }

    @Override
    public String errorCode() {
        return "server_error";
    }
}
