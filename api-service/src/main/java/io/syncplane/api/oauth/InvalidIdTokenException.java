package io.syncplane.api.oauth;

import java.net.URI;

/**
 * The ID token from the code exchange does not prove who linked: no token, a bad signature, another issuer or
 * audience, expired, a nonce from another flow, or an unverified email.
 */
public final class InvalidIdTokenException extends GoogleLinkException {

    InvalidIdTokenException(URI appRedirectUri, String message, Throwable cause) {
        super("invalid ID token: " + message, appRedirectUri, cause);
    }

    @Override
    public String errorCode() {
        return "server_error";
    }
}
