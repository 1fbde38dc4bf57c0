package io.syncplane.bench.faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The synced copy of one connection as {@link CopyRow}s per source, live rows and tombstones apart: a tombstone of
 * something Google still has is "missing", a live row of something Google deleted is "deleted at Google, live here".
 */
final class StoredRows {

    record Copy(Map<String, List<CopyRow>> live, Map<String, List<String>> tombstones) {
    }

    private StoredRows() {
    }

    static Copy of(Connection db, long connectionId) throws SQLException {
        Map<String, List<CopyRow>> live = new LinkedHashMap<>();
        Map<String, List<String>> tombstones = new LinkedHashMap<>();
        for (String source : List.of("gmail", "calendar", "contacts", "tasks")) {
            live.put(source, new ArrayList<>());
            tombstones.put(source, new ArrayList<>());
        }
        read(db, connectionId, "SELECT message_id, thread_id, label_ids, subject, deleted_at IS NULL "
                + "FROM gmail_message WHERE connection_id = ?", rows -> {
            String key = rows.getString(1);
            if (rows.getBoolean(5)) {
                live.get("gmail").add(new CopyRow(key, GroundTruthRows.gmailFields(rows.getString(2),
                        sorted(rows.getArray(3)), rows.getString(4))));
            } else {
                tombstones.get("gmail").add(key);
            }
        });
        // A cancelled event is a deletion whether or not the store has tombstoned it yet, except a cancelled
        // occurrence of a series: a live row of the series (Google lists it, the connector keeps it).
        read(db, connectionId, "SELECT calendar_id || '/' || event_id, summary, start_at, all_day, "
                + "raw -> 'start' ->> 'date', event_updated_at, "
                + "deleted_at IS NULL AND (coalesce(status, '') <> 'cancelled' OR recurring_event_id IS NOT NULL), "
                + "coalesce(status, '') = 'cancelled' "
                + "FROM calendar_event WHERE connection_id = ?", rows -> {
            String key = rows.getString(1);
            if (rows.getBoolean(7) && rows.getBoolean(8)) {
                live.get("calendar").add(new CopyRow(key, GroundTruthRows.eventFields(null,
                        GroundTruthRows.CANCELLED_OCCURRENCE, instant(rows.getTimestamp(6)))));
            } else if (rows.getBoolean(7)) {
                String start = Boolean.TRUE.equals(rows.getObject(4)) ? "date:" + rows.getString(5)
                        : instant(rows.getTimestamp(3));
                live.get("calendar").add(new CopyRow(key, GroundTruthRows.eventFields(rows.getString(2), start,
                        instant(rows.getTimestamp(6)))));
            } else {
                tombstones.get("calendar").add(key);
            }
        });
        read(db, connectionId, "SELECT resource_name, given_name, family_name, emails, phone_numbers, organization, "
                + "deleted_at IS NULL FROM contact WHERE connection_id = ?", rows -> {
            String key = rows.getString(1);
            if (rows.getBoolean(7)) {
                live.get("contacts").add(new CopyRow(key, GroundTruthRows.contactFields(rows.getString(2),
                        rows.getString(3), joined(rows.getArray(4)), joined(rows.getArray(5)), rows.getString(6))));
            } else {
                tombstones.get("contacts").add(key);
            }
        });
        read(db, connectionId, "SELECT tasklist_id || '/' || task_id, title, status, due, coalesce(hidden, false), "
                + "task_updated_at, deleted_at IS NULL FROM task WHERE connection_id = ?", rows -> {
            String key = rows.getString(1);
            if (rows.getBoolean(7)) {
                live.get("tasks").add(new CopyRow(key, GroundTruthRows.taskFields(rows.getString(2),
                        rows.getString(3), rows.getDate(4) == null ? null : rows.getDate(4).toLocalDate().toString(),
                        Boolean.toString(rows.getBoolean(5)), instant(rows.getTimestamp(6)))));
            } else {
                tombstones.get("tasks").add(key);
            }
        });
        return new Copy(live, tombstones);
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private static void read(Connection db, long connectionId, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, connectionId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    private static String sorted(Array array) throws SQLException {
        return array == null ? "" : String.join(",", new TreeSet<>(Arrays.asList((String[]) array.getArray())));
    }

    private static String joined(Array array) throws SQLException {
        return array == null ? "" : String.join(",", (String[]) array.getArray());
    }
}
