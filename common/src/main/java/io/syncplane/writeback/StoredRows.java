package io.syncplane.writeback;

import io.syncplane.store.ItemTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the stored copy of one item from its synced table. */
public final class StoredRows {

    private final JdbcClient jdbc;

    public StoredRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredRow> find(ItemTable table, long connectionId, List<String> key) {
        if (key.size() != table.keyColumns().size() || key.stream().anyMatch(java.util.Objects::isNull)) {
            return Optional.empty();
        }
        List<Object> params = new ArrayList<>();
        params.add(connectionId);
        params.addAll(key);
        return jdbc.sql("SELECT raw::text AS raw, change_seq, deleted_at IS NOT NULL AS deleted FROM " + table.name()
                        + " WHERE " + table.rowMatch())
                .params(params)
                .query((rs, n) -> new StoredRow(key, rs.getString("raw"), rs.getLong("change_seq"),
                        rs.getBoolean("deleted")))
                .optional();
    }
}
