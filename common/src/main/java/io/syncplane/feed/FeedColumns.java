package io.syncplane.feed;

import io.syncplane.domain.Source;
import io.syncplane.store.ItemTable;
import io.syncplane.store.SyncedTables;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns one feed query returns for all four tables at once: each table's read selects the union of every
 * table's key and typed columns, with NULLs for those it lacks, so the reads can be merged with UNION ALL in one
 * statement (one snapshot, one round trip) and still come back as typed JDBC values.
 */
final class FeedColumns {

    static final Map<Source, ItemTable> TABLES;
    /** name → Postgres type, in a fixed order. */
    static final Map<String, String> ALL;

    static {
        Map<Source, ItemTable> tables = new EnumMap<>(Source.class);
        Map<String, String> all = new LinkedHashMap<>();
        for (Source source : Source.values()) {
            ItemTable table = SyncedTables.of(source);
            tables.put(source, table);
            table.keyColumns().forEach(key -> put(all, key, "text"));
            table.columns().forEach(column -> put(all, column.name(), column.sqlType()));
        }
        TABLES = tables;
        ALL = all;
    }

    private FeedColumns() {
    }

    private static void put(Map<String, String> all, String name, String type) {
        String before = all.putIfAbsent(name, type);
        if (before != null && !before.equals(type)) {
            throw new IllegalStateException("column " + name + " is " + before + " in one table and " + type
                    + " in another: the feed's merged columns need one type per name");
        }
    }

    /** The select list of one table's read, {@code t} being the table's alias. */
    static String selectList(Source source) {
        ItemTable table = TABLES.get(source);
        List<String> own = new ArrayList<>(table.keyColumns());
        table.columns().forEach(c -> own.add(c.name()));
        StringBuilder select = new StringBuilder("'" + source.id() + "' AS source, t.connection_id, t.change_xid, "
                + "t.change_seq, t.updated_at, t.deleted_at, t.raw::text AS raw, t.app_data::text AS app_data");
        ALL.forEach((name, type) -> select.append(", ")
                .append(own.contains(name) ? "t." + name : "NULL::" + type + " AS " + name));
        return select.toString();
    }
}
