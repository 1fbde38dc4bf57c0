package io.syncplane.ledger;

import io.syncplane.domain.SyncKey;

/** The event is not allowed in the state's current status (or its precondition, such as an expired lease, fails). */
public final class IllegalSyncTransitionException extends SyncStateException {

    private final SyncStatus status;
    private final SyncEvent event;

    public IllegalSyncTransitionException(SyncKey key, SyncStatus status, SyncEvent event) {
        this(key, status, event, "not allowed in status " + status.id());
    }

    public IllegalSyncTransitionException(SyncKey key, SyncStatus status, SyncEvent event, String why) {
        super(key, "Illegal sync transition " + event + " for " + key + ": " + why);
        this.status = status;
        this.event = event;
    }

    public SyncStatus status() {
        return status;
    }

    public SyncEvent event() {
        return event;
    }
}
