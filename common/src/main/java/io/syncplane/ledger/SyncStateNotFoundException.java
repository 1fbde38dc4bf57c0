package io.syncplane.ledger;

import io.syncplane.domain.SyncKey;

/** No sync state is registered for the key. */
public final class SyncStateNotFoundException extends SyncStateException {

    public SyncStateNotFoundException(SyncKey key) {
        super(key, "No sync state for " + key);
    }
}
