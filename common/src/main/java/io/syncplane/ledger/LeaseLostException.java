package io.syncplane.ledger;

import io.syncplane.domain.SyncKey;

/** A heartbeat found the run no longer held by this worker (it was recovered, released or finished elsewhere). */
public final class LeaseLostException extends SyncStateException {

    public LeaseLostException(SyncKey key, String workerId) {
        super(key, "Worker " + workerId + " no longer holds the lease on " + key);
    }
}
