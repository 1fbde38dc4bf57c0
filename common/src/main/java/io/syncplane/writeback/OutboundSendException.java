package io.syncplane.writeback;

/**
 * An outbound operation got no definite answer from Google (5xx, timeout, connection lost): it is kept for another
 * attempt, and the run fails so that the queue's backoff brings the source back. The cause is Google's error, which
 * the worker's failure handling reads (description, Retry-After).
 */
public final class OutboundSendException extends Exception {

    public OutboundSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
