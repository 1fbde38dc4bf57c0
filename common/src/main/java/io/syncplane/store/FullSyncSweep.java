package io.syncplane.store;

import java.util.Map;

/**
 * The end of a full sync: whatever the sync did not see is gone at Google and becomes a tombstone, unless that would
 * delete more than {@code maxDeleteFraction} of what is stored (a truncated listing, a wrong account, a Google
 * incident look exactly like that). Then the data is kept and the run carries a warning for operators; only a forced
 * full sync applies such deletions.
 */
public final class FullSyncSweep {

    public static final double DEFAULT_MAX_DELETE_FRACTION = 0.9;

    private final PostgresItemStore items;
    private final double maxDeleteFraction;

    public FullSyncSweep(PostgresItemStore items, double maxDeleteFraction) {
        if (!(maxDeleteFraction > 0 && maxDeleteFraction <= 1)) {
            throw new IllegalArgumentException("maxDeleteFraction must be in (0, 1]: " + maxDeleteFraction);
        }
        this.items = items;
        this.maxDeleteFraction = maxDeleteFraction;
    }

    /** Runs inside the final page's transaction, so the sweep commits with the cursor. */
    public Result sweep(ItemTable table, long connectionId, long generation, Map<String, String> scope,
                        boolean forced) {
        long unseen = items.countUnseen(table, connectionId, generation, scope);
        if (unseen == 0) {
            return new Result(ItemWrite.NONE, null);
        }
        long live = items.countLive(table, connectionId, scope);
        if (!forced && unseen > maxDeleteFraction * live) {
            return new Result(ItemWrite.NONE, String.format(java.util.Locale.ROOT,
                    "safety valve: this full sync would delete %d of %d stored %s rows (%.0f%%); they are kept. "
                            + "Run a forced full resync to apply the deletions.",
                    unseen, live, table.name(), 100.0 * unseen / live));
        }
        int swept = items.sweepUnseen(table, connectionId, generation, scope);
        return new Result(ItemWrite.swept(swept), null);
    }

    /** What the sweep tombstoned, and the valve's warning when it held back. */
    public record Result(ItemWrite write, String warning) {
    }
}
