package io.syncplane.ledger;

import io.syncplane.domain.SyncTrigger;
import java.time.Instant;
import java.util.Objects;

/** A worker taking a due sync: who, why, and until when its lease holds without a heartbeat. */
public record SyncStart(String workerId, SyncTrigger trigger, Instant leaseExpiresAt) {

    public SyncStart {
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        if (workerId.isBlank()) {
            throw new IllegalArgumentException("workerId must not be blank");
        }
    }
}
