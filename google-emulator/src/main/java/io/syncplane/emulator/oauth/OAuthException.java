package io.syncplane.emulator.oauth;

/** An RFC 6749 error answer of the token endpoint, e.g. {@code invalid_grant}. */
public final class OAuthException extends RuntimeException {

    private final int status;
    private final String error;

    public OAuthException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
