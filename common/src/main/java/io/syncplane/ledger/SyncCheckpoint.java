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
 * @param counts         cumulative counts of this run so far: what it changed
 * @param examined       items this run has fetched and compared so far, changed or not: its progress
 * @param estimatedTotal Google's estimate of the items a full sync will see, when it gives one
 * @param generation     the mark a full sync puts on every item it sees, kept across resumes so that the final sweep
 *                       only deletes what no part of the full sync saw
 * @param skipped        the malformed items this run has skipped so far, for its final report
 * @param at             when the checkpoint was written (set by the store)
 */
public record SyncCheckpoint(String phase, String pageToken, String pendingCursor, SyncCounts counts, long examined,
                             Long estimatedTotal, Long generation, SkippedSoFar skipped, Instant at) {

    public SyncCheckpoint {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(skipped, "skipped");
        if (examined < 0) {
            throw new IllegalArgumentException("examined cannot be negative: " + examined);
        }
    }

    public static SyncCheckpoint of(String phase, String pageToken, SyncCounts counts) {
        return new SyncCheckpoint(phase, pageToken, null, counts, 0, null, null, SkippedSoFar.NONE, null);
    }

    public SyncCheckpoint withPendingCursor(String cursor) {
        return new SyncCheckpoint(phase, pageToken, cursor, counts, examined, estimatedTotal, generation, skipped, at);
    }

    public SyncCheckpoint withEstimatedTotal(Long total) {
        return new SyncCheckpoint(phase, pageToken, pendingCursor, counts, examined, total, generation, skipped, at);
    }

    public SyncCheckpoint withCounts(SyncCounts value) {
        return new SyncCheckpoint(phase, pageToken, pendingCursor, value, examined, estimatedTotal, generation, skipped,
                at);
    }

    public SyncCheckpoint withGeneration(Long value) {
        return new SyncCheckpoint(phase, pageToken, pendingCursor, counts, examined, estimatedTotal, value, skipped, at);
    }

    public SyncCheckpoint withExamined(long value) {
        return new SyncCheckpoint(phase, pageToken, pendingCursor, counts, value, estimatedTotal, generation, skipped,
                at);
    }

    public SyncCheckpoint withSkipped(SkippedSoFar value) {
        return new SyncCheckpoint(phase, pageToken, pendingCursor, counts, examined, estimatedTotal, generation, value,
                at);
    }

    SyncCheckpoint writtenAt(Instant when) {
        return new SyncCheckpoint(phase, pageToken, pendingCursor, counts, examined, estimatedTotal, generation, skipped,
                when);
    }
}
