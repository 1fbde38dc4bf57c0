package io.syncplane.api.sync;

import io.syncplane.ledger.SyncRun;
import java.time.Instant;

/**
 * One sync run from the run log.
 *
 * @param itemsExamined items the run fetched and compared, changed or not; the other counts are what it changed
 * @param error         why it did not succeed, or for a success the warning it carried (e.g. skipped items)
 */
public record RunView(long id, String trigger, String mode, String outcome, String workerId, Instant startedAt,
                      Instant endedAt, Long durationMs, int pages, long itemsExamined, long itemsAdded,
                      long itemsUpdated, long itemsDeleted, String error) {

    public static RunView of(SyncRun run) {
        return new RunView(run.id(), run.trigger().id(), run.mode().id(), run.outcome().id(), run.workerId(),
                run.startedAt(), run.endedAt(), run.duration() == null ? null : run.duration().toMillis(), run.pages(),
                run.examined(), run.counts().added(), run.counts().updated(), run.counts().deleted(), run.error());
    }
}
