package io.syncplane.queue;

import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;

/**
 * Where a job waits. Claims serve the lanes by weighted round robin ({@link LaneWeights}): interactive work first, but
 * every lane gets its turns, so backfills advance even while pushes keep arriving.
 */
public enum Lane {
    /** Push notifications and manual triggers: someone is waiting for fresh data. */
    INTERACTIVE,
    /** Scheduled polling and recovery of interrupted incremental syncs. */
    SCHEDULED,
    /** Full syncs (backfills, resyncs after an expired cursor): long, and nobody is waiting on the next minute. */
    BULK;

    /** A full sync is bulk work whatever triggered it; otherwise the trigger decides. */
    public static Lane of(SyncTrigger trigger, SyncMode mode) {
        if (mode == SyncMode.FULL) {
            return BULK;
        }
        return switch (trigger) {
            case PUSH, MANUAL -> INTERACTIVE;
            case SCHEDULE, RECOVERY -> SCHEDULED;
        };
    }
}
