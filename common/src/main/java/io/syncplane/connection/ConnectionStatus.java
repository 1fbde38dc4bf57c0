package io.syncplane.connection;

import java.util.Arrays;

public enum ConnectionStatus {
    ACTIVE("active"),
    /** Google answered invalid_grant: the user has to authorise again before anything syncs. */
    NEEDS_REAUTH("needs_reauth"),
    REMOVED("removed");

    private final String id;

    ConnectionStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ConnectionStatus fromId(String id) {
        return Arrays.stream(values()).filter(status -> status.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown connection status '" + id + "'"));
    }
}
