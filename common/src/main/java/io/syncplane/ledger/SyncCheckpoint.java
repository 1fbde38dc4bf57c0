package io.syncplane.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a running sync stands, committed with each page so an interrupted sync resumes there.
 *
 * @param phase          connector-defined step, e.g. "list" or "fetch"
 * @param pageToken      the next page to read; null when the phase has no more pages
 * @param pendingCursor  the cursor the run will commit on completion, if already known (e.g. Gmail's historyId at
 *                       the start of a full sync)
 * @param counts         cumulative counts of this run so far
 * @param estimatedTotal Google's estimate of the items a full sync will see, when it gives one
 * @param generation     the mark a full sync puts on every item it sees, kept across resumes so that the final sweep
 *                       only deletes what no part of the full sync saw
 * @param at             when the checkpoint was written (set by the store)
 */
public record SyncCheckpoint(String phase, String pageToken, String pendingCursor, SyncCounts counts,
                             Long estimatedTotal, Long generation, Instant at) {

    public SyncCheckpoint {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(counts, "counts");
    }

    public static SyncCheckpoint of(String phase, String pageToken, SyncCounts counts) {
        return new SyncCheckpoint(phase, pageToken, null, counts, null, null, null);
    }

    public SyncCheckpoint withPendingCursor(String cursor) {
        return new SyncCheckpoint(phase, pageToken, cursor, counts, estimatedTotal, generation, at);
    }

    public SyncCheckpoint withEstimatedTotal(Long total) {
        return new SyncCheckpoint(phase, pageToken, pendingCursor, counts, total, generation, at);
    }

    public SyncCheckpoint withCounts(SyncCounts value) {
        return new SyncCheckpoint(phase, pageToken, pendingCursor, value, estimatedTotal, generation, at);
    }

    public SyncCheckpoint withGeneration(Long value) {
        return new SyncCheckpoint(phase, pageToken, pendingCursor, counts, estimatedTotal, value, at);
    }

    SyncCheckpoint writtenAt(Instant when) {
        return new SyncCheckpoint(phase, pageToken, pendingCursor, counts, estimatedTotal, generation, when);
    }
}
