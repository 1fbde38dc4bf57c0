package io.syncplane.ledger;

import java.time.Instant;
import java.util.Objects;

/** A successful end of a run: the cursor to continue from next time, what the run did, when it is next due. */
public record SyncCompletion(String cursor, SyncCounts counts, Instant nextSyncAt) {

    public SyncCompletion {
        Objects.requireNonNull(cursor, "a completed sync always leaves a cursor");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(nextSyncAt, "nextSyncAt");
    }
}
