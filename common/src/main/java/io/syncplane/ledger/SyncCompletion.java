package io.syncplane.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * A successful end of a run: the cursor to continue from next time, what the run changed, how many items it
 * examined (changed or not), when it is next due, and a warning an operator should see although the run succeeded
 * (e.g. the safety valve kept data a full sync would have deleted, or malformed items were skipped), or null.
 */
public record SyncCompletion(String cursor, SyncCounts counts, long examined, Instant nextSyncAt, String warning) {

    public SyncCompletion {
        Objects.requireNonNull(cursor, "a completed sync always leaves a cursor");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(nextSyncAt, "nextSyncAt");
        if (examined < 0) {
            throw new IllegalArgumentException("examined cannot be negative: " + examined);
        }
    }

    /** A run that examined exactly the items it changed. */
    public SyncCompletion(String cursor, SyncCounts counts, Instant nextSyncAt, String warning) {
        this(cursor, counts, counts.total(), nextSyncAt, warning);
    }

    public SyncCompletion(String cursor, SyncCounts counts, Instant nextSyncAt) {
        this(cursor, counts, nextSyncAt, null);
    }
}
