package io.syncplane.store;

import io.syncplane.ledger.SyncCounts;

/**
 * What writing one page did: rows added (new or back from the dead), changed, tombstoned, and left alone, and how many
 * items it examined (compared with what is stored), whatever came of them. The sweep tombstones rows it did not
 * examine, so its write examines none.
 */
public record ItemWrite(long added, long updated, long deleted, long unchanged, long examined) {

    public static final ItemWrite NONE = new ItemWrite(0, 0, 0, 0, 0);

    /** A page write: every item it was handed was examined and ended up in exactly one of the four counts. */
    public ItemWrite(long added, long updated, long deleted, long unchanged) {
        this(added, updated, deleted, unchanged, added + updated + deleted + unchanged);
    }

    /** The sweep's write: tombstones for rows no page saw. */
    public static ItemWrite swept(long deleted) {
        return new ItemWrite(0, 0, deleted, 0, 0);
    }

    public SyncCounts counts() {
        return new SyncCounts(added, updated, deleted);
    }

    public ItemWrite plus(ItemWrite other) {
        return new ItemWrite(added + other.added, updated + other.updated, deleted + other.deleted,
                unchanged + other.unchanged, examined + other.examined);
    }
}
