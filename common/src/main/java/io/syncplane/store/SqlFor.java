package io.syncplane.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The write statements for one {@link ItemTable}, generated once and cached. Inserts go as multi-row statements:
 * {@link #insertRows} holds one per power of two up to {@value #MAX_ROWS} rows, so a page of any size takes a handful
 * of statements (500 rows: 7) instead of one execution per row, and the few statement texts stay prepared.
 */
record SqlFor(List<String> insertRows, String update, String echoUpdate, String tombstone, String ownWrite) {

    /** Rows of the largest multi-row insert; a power of two. */
    static final int MAX_ROWS = 128;

    private static final Map<String, SqlFor> CACHE = new ConcurrentHashMap<>();

    static SqlFor table(ItemTable table) {
        return CACHE.computeIfAbsent(table.name(), name -> generate(table));
    }

    private static SqlFor generate(ItemTable table) {
        List<String> insertColumns = new ArrayList<>();
        List<String> insertValues = new ArrayList<>();
        insertColumns.add("connection_id");
        insertValues.add("?");
        for (String key : table.keyColumns()) {
            insertColumns.add(key);
            insertValues.add("?");
        }
        for (ItemTable.Column column : table.columns()) {
            insertColumns.add(column.name());
            insertValues.add("?::" + column.sqlType());
        }
        // change_seq and change_xid move together on every write: the change feed orders by (change_xid, change_seq)
        // and reads only below the oldest running transaction, so a write must carry the xid of its transaction.
        insertColumns.addAll(List.of("raw", "checksum", "sync_generation", "change_seq", "change_xid", "created_at",
                "updated_at", "deleted_at"));
        insertValues.addAll(List.of("?::jsonb", "?", "?", "nextval('synced_change_seq')", "pg_current_xact_id()", "?",
                "?", "?"));
        String keyList = "connection_id, " + String.join(", ", table.keyColumns());
        String assignments = table.columns().stream().map(c -> c.name() + " = EXCLUDED." + c.name())
                .collect(Collectors.joining(", "));
        // ON CONFLICT keeps a redelivered page (at-least-once) from failing: the second write simply updates.
        String head = "INSERT INTO " + table.name() + " (" + String.join(", ", insertColumns) + ") VALUES ";
        String tuple = "(" + String.join(", ", insertValues) + ")";
        String onConflict = " ON CONFLICT (" + keyList + ") DO UPDATE SET " + assignments
                + ", raw = EXCLUDED.raw, checksum = EXCLUDED.checksum, sync_generation = EXCLUDED.sync_generation, "
                + "change_seq = EXCLUDED.change_seq, change_xid = EXCLUDED.change_xid, "
                + "updated_at = EXCLUDED.updated_at, deleted_at = EXCLUDED.deleted_at, echo_fingerprint = NULL";
        List<String> insertRows = new ArrayList<>();
        for (int rows = 1; rows <= MAX_ROWS; rows *= 2) {
            insertRows.add(head + String.join(", ", java.util.Collections.nCopies(rows, tuple)) + onConflict);
        }

        String typedSet = table.columns().stream().map(c -> c.name() + " = ?::" + c.sqlType())
                .collect(Collectors.joining(", "));
        String keyMatch = table.rowMatch();
        // Every write clears echo_fingerprint: it names one version of the row, and the row is no longer at it. None
        // lists app_data, which belongs to the application.
        String dataSet = typedSet + ", raw = ?::jsonb, checksum = ?, sync_generation = coalesce(?, sync_generation), ";
        String update = "UPDATE " + table.name() + " SET " + dataSet + "change_seq = nextval('synced_change_seq'), "
                + "change_xid = pg_current_xact_id(), updated_at = ?, deleted_at = ?, echo_fingerprint = NULL WHERE "
                + keyMatch;
        // The echo of Syncplane's own write: the feed already carries this version (at the position the write took),
        // so the data is brought up to date without a new position.
        String echoUpdate = "UPDATE " + table.name() + " SET " + dataSet + "updated_at = ?, deleted_at = ?, "
                + "echo_fingerprint = NULL WHERE " + keyMatch;
        String tombstone = "UPDATE " + table.name() + " SET deleted_at = ?, updated_at = ?, "
                + "change_seq = nextval('synced_change_seq'), change_xid = pg_current_xact_id(), "
                + "echo_fingerprint = NULL WHERE " + keyMatch + " AND deleted_at IS NULL";
        String ownWrite = "UPDATE " + table.name() + " SET echo_fingerprint = ? WHERE " + keyMatch
                + " RETURNING change_seq";
        return new SqlFor(List.copyOf(insertRows), update, echoUpdate, tombstone, ownWrite);
    }

    /** The insert of exactly {@code rows} rows, a power of two up to {@value #MAX_ROWS}. */
    String insertOf(int rows) {
        if (rows < 1 || rows > MAX_ROWS || Integer.bitCount(rows) != 1) {
            throw new IllegalArgumentException("rows must be a power of two up to " + MAX_ROWS + ": " + rows);
        }
        return insertRows.get(Integer.numberOfTrailingZeros(rows));
    }
}
