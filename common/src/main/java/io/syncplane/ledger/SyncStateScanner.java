package io.syncplane.ledger;

import java.time.Instant;

/**
 * The queries that find work in the ledger. Each reads through a partial index in keyset order, so its cost grows
 * with the rows it returns, not with the size of the table.
 */
public interface SyncStateScanner {

    /** Syncs due at {@code now} (next_sync_at passed) that are not running, earliest first. */
    ScanPage due(Instant now, ScanPosition after, int limit);

    /** Syncs still marked running whose worker's lease expired before {@code now}. */
    ScanPage interrupted(Instant now, ScanPosition after, int limit);

    /** Syncs (not disabled) whose last success, or creation if they never succeeded, is older than {@code threshold}. */
    ScanPage stale(Instant threshold, ScanPosition after, int limit);
}
