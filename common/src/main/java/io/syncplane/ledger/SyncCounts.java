package io.syncplane.ledger;

/** Items a run added, updated and deleted (tombstoned). */
public record SyncCounts(long added, long updated, long deleted) {

    public static final SyncCounts ZERO = new SyncCounts(0, 0, 0);

    public SyncCounts {
        if (added < 0 || updated < 0 || deleted < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + added + "/" + updated + "/" + deleted);
        }
    }

    public long total() {
        return added + updated + deleted;
    }

    public SyncCounts plus(SyncCounts other) {
        return new SyncCounts(added + other.added, updated + other.updated, deleted + other.deleted);
    }
}
