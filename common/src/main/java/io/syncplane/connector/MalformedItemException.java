package io.syncplane.connector;

/** Google sent an item we cannot store faithfully; the connector skips and reports it, the sync goes on. */
public final class MalformedItemException extends Exception {

    private final String itemId;

    public MalformedItemException(String itemId, String reason) {
        super(reason, null, false, false);
        this.itemId = itemId;
    }

    /** What identifies the item best, or null when it did not even have an id. */
    public String itemId() {
        return itemId;
    }
}
