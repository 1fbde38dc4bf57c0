package io.syncplane.ledger;

import java.util.Arrays;

/** Where one (connection, source) stands. Transitions between these go through {@link SyncStateMachine} only. */
public enum SyncStatus {
    IDLE("idle"),
    SYNCING("syncing"),
    ERROR("error"),
    RATE_LIMITED("rate_limited"),
    /** Google refused the grant (invalid_grant): nothing runs until the user authorises again. */
    NEEDS_REAUTH("needs_reauth"),
    /** The connection was removed or the source switched off. */
    DISABLED("disabled");

    private final String id;

    SyncStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SyncStatus fromId(String id) {
        return Arrays.stream(values()).filter(status -> status.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sync status '" + id + "'"));
    }
}
