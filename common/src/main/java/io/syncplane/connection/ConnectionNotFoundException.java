package io.syncplane.connection;

public final class ConnectionNotFoundException extends RuntimeException {

    public ConnectionNotFoundException(long connectionId) {
        super("No Google connection " + connectionId);
    }
}
