package io.syncplane.api.writeback;

import io.syncplane.domain.Source;
import io.syncplane.store.ItemTable;
import io.syncplane.store.SyncedTables;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads and marks the synced rows that operations name, in the caller's transaction (so under row-level security: a
 * user's transaction finds only that user's rows).
 */
final class StoredItems {

    private final JdbcClient jdbc;

    StoredItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows with Google id {@code itemId}, in {@code containerId} when given (event ids are per calendar). */
    List<StoredItem> find(long connectionId, Source source, String containerId, String itemId) {
        ItemTable table = SyncedTables.of(source);
        List<String> keys = table.keyColumns();
        String idColumn = keys.get(keys.size() - 1);
        String containerColumn = keys.size() > 1 ? keys.get(0) : null;
        List<Object> params = new ArrayList<>(List.of(connectionId, itemId));
        String sql = "SELECT " + (containerColumn == null ? "NULL" : containerColumn) + " AS container_id, "
                + idColumn + " AS item_id, change_seq, deleted_at IS NOT NULL AS deleted FROM " + table.name()
                + " WHERE connection_id = ? AND " + idColumn + " = ?";
        if (containerColumn != null && containerId != null) {
            sql += " AND " + containerColumn + " = ?";
            params.add(containerId);
        }
        return jdbc.sql(sql).params(params).query((rs, n) -> new StoredItem(rs.getString("container_id"),
                rs.getString("item_id"), rs.getLong("change_seq"), rs.getBoolean("deleted"))).list();
    }

    /** Live rows of a source: what a batch's deletes are measured against. */
    long liveCount(long connectionId, Source source) {
        return jdbc.sql("SELECT count(*) FROM " + SyncedTables.of(source).name()
                        + " WHERE connection_id = ? AND deleted_at IS NULL")
                .param(connectionId).query(Long.class).single();
    }

    /** Deletes recorded earlier and not sent yet: a batch split in two must not slip under the share. */
    long openDeletes(long connectionId, Source source) {
        return jdbc.sql("SELECT count(*) FROM outbound_operation WHERE connection_id = ? AND source = ? "
                        + "AND kind = 'delete' AND state IN ('pending', 'sending')")
                .params(connectionId, source.id()).query(Long.class).single();
    }
}
