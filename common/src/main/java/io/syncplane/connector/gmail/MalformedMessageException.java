package io.syncplane.connector.gmail;

/** A message Gmail sent that cannot be stored as it is; the sync records and skips it instead of failing. */
final class MalformedMessageException extends Exception {

    private final String messageId;

    MalformedMessageException(String messageId, String reason) {
        super(reason, null, false, false);
        this.messageId = messageId;
    }

    /** The id, or null when the message did not even have one. */
    String messageId() {
        return messageId;
    }
}
