package io.syncplane.ledger;

import io.syncplane.domain.SyncKey;

/** Someone else changed the row since it was read (optimistic concurrency): re-read and decide again. */
public final class StaleSyncStateException extends SyncStateException {

    private final long expectedVersion;
    private final long actualVersion;

    public StaleSyncStateException(SyncKey key, long expectedVersion, long actualVersion) {
        super(key, "Sync state " + key + " changed concurrently: expected version " + expectedVersion
                + ", found " + actualVersion);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long actualVersion() {
        return actualVersion;
    }
}
