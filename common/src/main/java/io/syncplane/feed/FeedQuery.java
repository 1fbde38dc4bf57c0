package io.syncplane.feed;

import io.syncplane.domain.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one statement a feed read runs: the feed's state row (database id, tombstone horizon), the visibility
 * watermark, and up to {@code limit + 1} rows above the cursor, merged from one keyset range read per
 * (connection, table) — or per table for the everything scope. One statement means one snapshot: the watermark, the
 * rows and the horizon are read together, so a concurrent prune cannot slip between them.
 *
 * <p>Each range read is {@code (change_xid, change_seq) > (:xid, :seq) AND change_xid < xmin ORDER BY change_xid,
 * change_seq LIMIT :n} on the index ({connection_id,} change_xid, change_seq): an index range scan that stops after
 * n rows, whatever the table's size. The merge sorts at most (reads × (n + 1)) rows.
 */
record FeedQuery(String sql, List<Object> params, boolean hasRows) {

    static FeedQuery of(FeedScope scope, Set<Source> sources, FeedPosition after, int limit) {
        List<String> reads = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        List<Source> wanted = Source.values().length == sources.size() || sources.isEmpty()
                ? List.of(Source.values())
                : List.of(Source.values()).stream().filter(sources::contains).toList();
        if (scope.all()) {
            for (Source source : wanted) {
                reads.add(read(source, false));
                addRange(params, after, limit);
            }
        } else {
            for (long connection : scope.ordered()) {
                for (Source source : wanted) {
                    reads.add(read(source, true));
                    params.add(connection);
                    addRange(params, after, limit);
                }
            }
        }
        String head = "SELECT f.database_id, f.horizon_xid::text AS horizon_xid, f.horizon_seq, "
                + "w.xmin::text AS xmin_xid";
        // xmin of the statement's own snapshot: every transaction below it has finished, so no row can still appear
        // below it; every committed row below it is visible to this very snapshot.
        String from = " FROM change_feed_state f CROSS JOIN (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) w";
        if (reads.isEmpty()) {
            return new FeedQuery(head + from, params, false);
        }
        params.add(limit + 1);
        String sql = head + ", c.*" + from + " LEFT JOIN LATERAL (SELECT * FROM (" + String.join(" UNION ALL ", reads)
                + ") u ORDER BY u.change_xid, u.change_seq LIMIT ?) c ON true";
        return new FeedQuery(sql, params, true);
    }

    private static void addRange(List<Object> params, FeedPosition after, int limit) {
        params.add(Long.toString(after.xid()));
        params.add(after.seq());
        params.add(limit + 1);
    }

    private static String read(Source source, boolean perConnection) {
        return "(SELECT " + FeedColumns.selectList(source) + " FROM " + FeedColumns.TABLES.get(source).name() + " t"
                + " WHERE " + (perConnection ? "t.connection_id = ? AND " : "")
                + "(t.change_xid, t.change_seq) > (?::xid8, ?) AND t.change_xid < w.xmin"
                + " ORDER BY t.change_xid, t.change_seq LIMIT ?)";
    }
}
