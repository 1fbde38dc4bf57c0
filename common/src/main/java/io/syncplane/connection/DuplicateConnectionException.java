package io.syncplane.connection;

public final class DuplicateConnectionException extends RuntimeException {

    public DuplicateConnectionException(long userId, String accountEmail) {
        super("User " + userId + " already has a connection for " + accountEmail);
    }
}
