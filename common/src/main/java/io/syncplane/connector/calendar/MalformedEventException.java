package io.syncplane.connector.calendar;

/** An event Calendar sent that cannot be stored as it is; the sync records and skips it instead of failing. */
final class MalformedEventException extends Exception {

    private final String eventId;

    MalformedEventException(String eventId, String reason) {
        super(reason, null, false, false);
        this.eventId = eventId;
    }

    /** The id, or null when the event did not even have one. */
    String eventId() {
        return eventId;
    }
}
