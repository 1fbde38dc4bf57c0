package io.syncplane.ledger;

import io.syncplane.domain.SyncKey;

/** A transition of the ledger that did not happen; nothing was changed. */
public abstract class SyncStateException extends RuntimeException {

    private final SyncKey key;

    protected SyncStateException(SyncKey key, String message) {
        super(message);
        this.key = key;
    }

    public SyncKey key() {
        return key;
    }
}
