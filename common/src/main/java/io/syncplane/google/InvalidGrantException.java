package io.syncplane.google;

/** The token endpoint answered invalid_grant. */
public final class InvalidGrantException extends RuntimeException {

    public InvalidGrantException(String message, Throwable cause) {
        super(message, cause);
    }
}
