package io.syncplane.bench;

import io.syncplane.store.ItemTable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Synced rows made by Postgres itself (generate_series: no row leaves the server), for benchmarks that need large
 * tables in minutes: every key column {@code 'k' || i}, a small JSON document padded with {@code fillerBytes}, change
 * sequence numbers from the real sequence.
 */
public final class SyncedRowsFill {

    private SyncedRowsFill() {
    }

    /**
     * {@code perConnection} rows of {@code table} for each connection id that {@code connectionsSql} (a query of one
     * column, with positional {@code params}) returns.
     */
    public static int insert(JdbcClient jdbc, ItemTable table, String connectionsSql, long perConnection,
                             int fillerBytes, Object... params) {
        String keys = String.join(", ", table.keyColumns());
        String values = String.join(", ", table.keyColumns().stream().map(k -> "'k' || i").toList());
        return jdbc.sql("INSERT INTO " + table.name() + " (connection_id, " + keys + ", raw, checksum, "
                        + "sync_generation, change_seq, created_at, updated_at) SELECT c.id, " + values
                        + ", jsonb_build_object('id', 'k' || i, 'filler', repeat('x', " + fillerBytes + ")), "
                        + "'\\x00', 0, nextval('synced_change_seq'), now(), now() FROM (" + connectionsSql + ") c(id), "
                        + "generate_series(1, " + perConnection + ") i")
                .params(params).update();
    }
}
