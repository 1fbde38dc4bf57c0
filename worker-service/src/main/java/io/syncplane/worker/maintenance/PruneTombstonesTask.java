package io.syncplane.worker.maintenance;

import io.syncplane.feed.TombstonePruner;
import java.time.Clock;

/**
 * Hard-deletes tombstones older than {@code syncplane.maintenance.tombstone-retention}, in batches, raising the change
 * feed's horizon with each batch so a cursor older than what was pruned answers resync-required instead of silently
 * missing deletes.
 */
public class PruneTombstonesTask {

    private static final int BATCH = 5_000;

    private final TombstonePruner pruner;
    private final MaintenanceProperties properties;
    private final Clock clock;

    public PruneTombstonesTask(TombstonePruner pruner, MaintenanceProperties properties, Clock clock) {
        this.pruner = pruner;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Returns how many tombstones it deleted (an int, saturated: JobRunr's job-lambda analysis cannot discard a long
     * result).
     */
    public int run() {
        long deleted = pruner.pruneAll(clock.instant().minus(properties.tombstoneRetention()), BATCH);
        return (int) Math.min(Integer.MAX_VALUE, deleted);
    }
}
