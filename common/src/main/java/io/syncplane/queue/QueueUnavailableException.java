package io.syncplane.queue;

/**
 * Redis could not be reached or could not serve the call (connection lost, timeout, loading, read-only replica, out of
 * memory). The call may or may not have taken effect. Callers back off and try again: the connection reconnects on its
 * own, and anything lost in between is rebuilt from the ledger by the stale-sync scanner.
 */
public class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
