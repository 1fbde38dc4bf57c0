package io.syncplane.ledger;

import java.util.Arrays;

/** How a sync run ended ({@link #RUNNING} while it has not). */
public enum SyncRunOutcome {
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    RATE_LIMITED("rate_limited"),
    INTERRUPTED("interrupted"),
    RELEASED("released"),
    NEEDS_REAUTH("needs_reauth"),
    CANCELLED("cancelled");

    private final String id;

    SyncRunOutcome(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SyncRunOutcome fromId(String id) {
        return Arrays.stream(values()).filter(outcome -> outcome.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sync run outcome '" + id + "'"));
    }
}
