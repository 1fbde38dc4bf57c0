package io.syncplane.api.oauth;

import java.net.URI;

/**
 * Google's token endpoint refused the code ({@code invalid_grant}: spent, expired or a verifier mismatch;
 * {@code invalid_client}: our client credentials; ...), or the callback carried no code. The user has to start over.
 */
public final class CodeExchangeFailedException extends GoogleLinkException {

    private final String reason;

    CodeExchangeFailedException(URI appRedirectUri, String reason, String description) {
        super("the authorization code exchange failed: " + reason + (description == null ? "" : " (" + description
                + ")"), appRedirectUri, null);
        this.reason = reason;
    }

    /** Google's {@code error} field, e.g. {@code invalid_grant}. */
    public String reason() {
        return reason;
    }

    @Override
    public String errorCode() {
        return "server_error";
    }
}
