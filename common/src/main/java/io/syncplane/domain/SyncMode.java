package io.syncplane.domain;

/** A full sync reads everything and sweeps what it did not see; an incremental one follows the stored cursor. */
public enum SyncMode {
    FULL("full"),
    INCREMENTAL("incremental");

    private final String id;

    SyncMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SyncMode fromId(String id) {
        for (SyncMode mode : values()) {
            if (mode.id.equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown sync mode '" + id + "'");
    }
}
