package io.syncplane.sync;

import java.time.Instant;
import java.util.Objects;

/** Google asked us to slow down; the sync waits until {@link #retryAt()} without counting a failure. */
public class RateLimitedException extends RuntimeException {

    private final Instant retryAt;

    public RateLimitedException(String message, Instant retryAt, Throwable cause) {
        super(message, cause);
        this.retryAt = Objects.requireNonNull(retryAt, "retryAt");
    }

    public Instant retryAt() {
        return retryAt;
    }
}
