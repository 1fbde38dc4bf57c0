package io.syncplane.queue;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.time.Instant;
import java.util.Objects;

/** A job that failed {@code failures} times in a row, with the error of the last failure. */
public record DeadLetter(SyncKey key, SyncTrigger trigger, SyncMode mode, int failures, String lastError,
                         Instant deadSince) {

    public DeadLetter {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(deadSince, "deadSince");
    }
}
