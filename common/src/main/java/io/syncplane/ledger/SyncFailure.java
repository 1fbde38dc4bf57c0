package io.syncplane.ledger;

import java.time.Instant;
import java.util.Objects;

/** A failed run: what went wrong and when to try again (the caller's backoff decides). */
public record SyncFailure(String error, Instant retryAt) {

    public SyncFailure {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(retryAt, "retryAt");
    }
}
