package io.syncplane.feed;

import io.syncplane.domain.Source;
import io.syncplane.persistence.JdbcTime;
import io.syncplane.store.ItemTable;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Turns one row of a {@link FeedQuery} into a {@link Change}, with typed values by the column's Postgres type. */
final class ChangeRowMapper {

    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() { };

    private final JsonMapper json;

    ChangeRowMapper(JsonMapper json) {
        this.json = json;
    }

    Change map(ResultSet rs) throws SQLException {
        Source source = Source.require(rs.getString("source"));
        ItemTable table = FeedColumns.TABLES.get(source);
        Map<String, Object> data = new LinkedHashMap<>();
        for (String key : table.keyColumns()) {
            data.put(key, rs.getString(key));
        }
        for (ItemTable.Column column : table.columns()) {
            data.put(column.name(), value(rs, column));
        }
        data.put("raw", json.readValue(rs.getString("raw"), JSON_OBJECT));
        String appData = rs.getString("app_data");
        data.put("appData", appData == null ? null : json.readValue(appData, JSON_OBJECT));
        String id = rs.getString(table.keyColumns().get(table.keyColumns().size() - 1));
        Change.Op op = rs.getObject("deleted_at") == null ? Change.Op.UPSERT : Change.Op.DELETE;
        FeedPosition position = new FeedPosition(Long.parseLong(rs.getString("change_xid")), rs.getLong("change_seq"));
        return new Change(source, rs.getLong("connection_id"), id, op, Collections.unmodifiableMap(data),
                JdbcTime.instant(rs, "updated_at"), position);
    }

    private static Object value(ResultSet rs, ItemTable.Column column) throws SQLException {
        String name = column.name();
        switch (column.sqlType()) {
            case "timestamptz":
                return JdbcTime.instant(rs, name);
            case "date":
                return rs.getObject(name, LocalDate.class);
            case "integer": {
                int value = rs.getInt(name);
                return rs.wasNull() ? null : value;
            }
            case "boolean": {
                boolean value = rs.getBoolean(name);
                return rs.wasNull() ? null : value;
            }
            case "text[]": {
                Array array = rs.getArray(name);
                return array == null ? null : List.copyOf(Arrays.asList((String[]) array.getArray()));
            }
            default:
                return rs.getString(name);
        }
    }
}
