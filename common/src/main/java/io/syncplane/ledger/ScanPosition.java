package io.syncplane.ledger;

import java.time.Instant;
import java.util.Objects;

/** Keyset position of a scan: the sort time and id of the last row returned, so the next page starts after it. */
public record ScanPosition(Instant at, long id) {

    public ScanPosition {
        Objects.requireNonNull(at, "at");
    }

    /** Before every row. */
    public static ScanPosition start() {
        return new ScanPosition(Instant.EPOCH.minusSeconds(365L * 24 * 3600 * 1000), 0);
    }
}
