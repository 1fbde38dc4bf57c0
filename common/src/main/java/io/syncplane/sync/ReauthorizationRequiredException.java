package io.syncplane.sync;

/** The grant is gone (invalid_grant): nothing can sync until the user authorises again; retrying is pointless. */
public final class ReauthorizationRequiredException extends RuntimeException {

    public ReauthorizationRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
