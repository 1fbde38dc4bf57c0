package io.syncplane.queue;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.time.Instant;
import java.util.Objects;

/** A trigger for one (connection, source): run it in this mode, not before {@code dueAt}. */
public record EnqueueRequest(SyncKey key, SyncTrigger trigger, SyncMode mode, Instant dueAt) {

    public EnqueueRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    public Lane lane() {
        return Lane.of(trigger, mode);
    }
}
