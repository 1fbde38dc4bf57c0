package io.syncplane.ledger;

import java.time.Instant;
import java.util.Objects;

/** The worker running a sync, and until when its claim holds unless extended by a heartbeat. */
public record SyncLease(String owner, Instant expiresAt) {

    public SyncLease {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return expiresAt.isBefore(now);
    }
}
