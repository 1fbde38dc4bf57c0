package io.syncplane.connector.tasks;

/** Google sent an item we cannot store faithfully; it is skipped and reported, the sync goes on. */
final class MalformedItemException extends Exception {

    private final String itemId;

    MalformedItemException(String itemId, String reason) {
        super(reason, null, false, false);
        this.itemId = itemId;
    }

    /** What identifies the item best (its list and task id, else its etag). */
    String itemId() {
        return itemId;
    }
}
