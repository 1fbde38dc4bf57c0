package io.syncplane.store;

import java.util.List;
import java.util.Objects;

/**
 * Describes one table of synced items: its name, the Google id columns that (with connection_id) form its key, and the
 * typed columns applications query. {@link PostgresItemStore} generates its SQL from this, so the four sources share
 * one tested write path instead of four hand-written copies.
 *
 * @param versionField the top-level field of the raw JSON that names the item's version at Google (an etag; Gmail's
 *                     historyId): what Syncplane's own write records as its echo fingerprint, and what a later sync
 *                     bringing the same version back is recognised by
 */
public record ItemTable(String name, List<String> keyColumns, List<Column> columns, String versionField) {

    public ItemTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(versionField, "versionField");
        keyColumns = List.copyOf(keyColumns);
        columns = List.copyOf(columns);
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException(name + ": at least one key column");
        }
    }

    public ItemTable(String name, List<String> keyColumns, List<Column> columns) {
        this(name, keyColumns, columns, "etag");
    }

    /**
     * The WHERE condition that picks one row by its whole key: {@code connection_id = ?}, then {@code <key> = ?} for
     * each key column in order, so its parameters are the connection id followed by the key's values.
     */
    public String rowMatch() {
        StringBuilder match = new StringBuilder("connection_id = ?");
        for (String key : keyColumns) {
            match.append(" AND ").append(key).append(" = ?");
        }
        return match.toString();
    }

    /** A typed column and the Postgres type its parameter is cast to. */
    public record Column(String name, String sqlType) {
    }

    public static Column column(String name, String sqlType) {
        return new Column(name, sqlType);
    }
}
