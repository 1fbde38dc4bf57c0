package io.syncplane.api.oauth;

/**
 * The callback's {@code state} is missing, malformed, tampered with, signed with another key or expired. Nothing in
 * it can be trusted, not even the redirect URI, so the callback answers 400 rather than redirecting.
 */
public final class InvalidStateException extends GoogleLinkException {

    InvalidStateException(String message) {
        super(message, null, null);
    }

    InvalidStateException(String message, Throwable cause) {
        super(message, null, cause);
    }

    @Override
    public String errorCode() {
        return "invalid_request";
    }
}
