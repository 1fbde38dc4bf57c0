package io.syncplane.worker;

import io.syncplane.ledger.SyncState;

/**
 * Work a successful run does for its source after it completed and before its claim is acknowledged: still inside
 * the claim, so it is paced by the same per-connection limiter and concurrency cap as the sync itself. It must not
 * throw for expected failures; anything it throws is logged and does not undo the completed sync.
 */
@FunctionalInterface
public interface AfterSync {

    AfterSync NOTHING = completed -> {
    };

    void succeeded(SyncState completed) throws Exception;
}
