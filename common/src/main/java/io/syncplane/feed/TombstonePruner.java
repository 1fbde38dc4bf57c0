package io.syncplane.feed;

import io.syncplane.domain.Source;
import io.syncplane.persistence.JdbcTime;
import io.syncplane.store.ItemTable;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hard-deletes tombstones deleted before a cutoff, in batches, and raises the feed's horizon in the same statement
 * (so in the same transaction) to the highest feed position it deleted. A consumer whose cursor is at or above the
 * horizon has already been given every pruned delete; one below it may not have been, and gets
 * {@link ResyncRequiredException} instead of silently keeping rows Google no longer has.
 *
 * <p>Batches find their rows through the partial index on deleted_at (tombstones only), so a prune costs what it
 * deletes, not the table size. A tombstone brought back to life meanwhile is spared: the delete re-checks deleted_at.
 */
public final class TombstonePruner {

    private final JdbcClient jdbc;
    private final Clock clock;

    public TombstonePruner(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Deletes up to {@code batch} tombstones of one source deleted before {@code cutoff}; returns how many. */
    public int pruneBatch(Source source, Instant cutoff, int batch) {
        ItemTable table = FeedColumns.TABLES.get(source);
        String keys = "connection_id, " + String.join(", ", table.keyColumns());
        String join = "t.connection_id = d.connection_id" + table.keyColumns().stream()
                .map(k -> " AND t." + k + " = d." + k).collect(Collectors.joining());
        String sql = "WITH doomed AS (SELECT " + keys + " FROM " + table.name()
                + " WHERE deleted_at < :cutoff ORDER BY deleted_at LIMIT :batch), "
                + "gone AS (DELETE FROM " + table.name() + " t USING doomed d WHERE " + join
                + " AND t.deleted_at < :cutoff RETURNING t.change_xid, t.change_seq), "
                + "top AS (SELECT change_xid, change_seq FROM gone ORDER BY change_xid DESC, change_seq DESC LIMIT 1), "
                + "raised AS (UPDATE change_feed_state f SET horizon_xid = top.change_xid, "
                + "horizon_seq = top.change_seq, horizon_moved_at = :now FROM top "
                + "WHERE (f.horizon_xid, f.horizon_seq) < (top.change_xid, top.change_seq) RETURNING 1) "
                + "SELECT count(*) FROM gone"; // data-modifying CTEs run to completion whether read or not
        return jdbc.sql(sql).param("cutoff", JdbcTime.timestamp(cutoff)).param("batch", batch)
                .param("now", JdbcTime.timestamp(clock.instant())).query(Integer.class).single();
    }

    /** Prunes every source, batch after batch (each its own statement and transaction); returns how many. */
    public long pruneAll(Instant cutoff, int batch) {
        long total = 0;
        for (Source source : Source.values()) {
            int deleted;
            do {
                deleted = pruneBatch(source, cutoff, batch);
                total += deleted;
            } while (deleted == batch);
        }
        return total;
    }

    /** The current horizon: cursors below it require a resync. */
    public FeedPosition horizon() {
        return jdbc.sql("SELECT horizon_xid::text, horizon_seq FROM change_feed_state")
                .query((rs, n) -> new FeedPosition(Long.parseLong(rs.getString(1)), rs.getLong(2))).single();
    }
}
