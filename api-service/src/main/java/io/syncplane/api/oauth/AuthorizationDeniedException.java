package io.syncplane.api.oauth;

import java.net.URI;

/**
 * Google sent the browser back with {@code error=} instead of a code: usually {@code access_denied} (the user said
 * no). Carries the verified application redirect URI, so the controller can redirect there with the same error.
 */
public final class AuthorizationDeniedException extends GoogleLinkException {

    private final String error;

    AuthorizationDeniedException(URI appRedirectUri, String error, String description) {
        super("Google answered the authorization request with " + error
                + (description == null ? "" : ": " + description), appRedirectUri, null);
        this.error = error;
    }

    @Override
    public String errorCode() {
        return error;
    }

    public boolean accessDenied() {
        return "access_denied".equals(error);
    }
}
