package io.syncplane.store;

import io.syncplane.ledger.SyncCounts;

/** What writing one page did: rows added (new or back from the dead), changed, tombstoned, and left alone. */
public record ItemWrite(long added, long updated, long deleted, long unchanged) {

    public static final ItemWrite NONE = new ItemWrite(0, 0, 0, 0);

    public SyncCounts counts() {
        return new SyncCounts(added, updated, deleted);
    }

    public ItemWrite plus(ItemWrite other) {
        return new ItemWrite(added + other.added, updated + other.updated, deleted + other.deleted,
                unchanged + other.unchanged);
    }
}
