package io.syncplane.ledger;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.time.Duration;
import java.time.Instant;

/**
 * One sync run, as recorded in the ingestion event log. {@code endedAt}, {@code duration} are null while running;
 * {@code pages} counts the pages (checkpoints) it committed. {@code counts} are the changes the run made,
 * {@code examined} every item it fetched and compared, changed or not (recorded when the run ends).
 */
public record SyncRun(
        long id,
        SyncKey key,
        SyncTrigger trigger,
        SyncMode mode,
        String workerId,
        Instant startedAt,
        Instant endedAt,
        Duration duration,
        SyncCounts counts,
        long examined,
        SyncRunOutcome outcome,
        String error,
        int pages) {
}
