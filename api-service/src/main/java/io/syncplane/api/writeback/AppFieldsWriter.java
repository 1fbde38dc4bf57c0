package io.syncplane.api.writeback;

import io.syncplane.domain.Source;
import io.syncplane.store.ItemTable;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedTables;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes application-owned fields into a synced row's {@code app_data}. They never go to Google, so they are applied
 * at once, in the upload's transaction; the row moves in the change feed like any other write. Syncing never writes
 * {@code app_data}, so they survive every resync. A field set to null is removed.
 */
final class AppFieldsWriter {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AppFieldsWriter(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** @return the row's new feed version */
    long write(long connectionId, Source source, StoredItem item, Map<String, Object> appFields) {
        ItemTable table = SyncedTables.of(source);
        List<Object> params = new ArrayList<>(List.of(json.writeValueAsString(appFields),
                io.syncplane.persistence.JdbcTime.timestamp(clock.instant()), connectionId));
        // a table's key is (container, item) or (item): the stored item carries both parts
        if (table.keyColumns().size() > 1) {
            params.add(item.containerId());
        }
        params.add(item.itemId());
        long version = jdbc.sql("UPDATE " + table.name() + " SET app_data = jsonb_strip_nulls("
                        + "COALESCE(app_data, '{}'::jsonb) || ?::jsonb), change_seq = nextval('synced_change_seq'), "
                        + "change_xid = pg_current_xact_id(), updated_at = ? WHERE " + table.rowMatch()
                        + " RETURNING change_seq")
                .params(params).query(Long.class).single();
        jdbc.sql("SELECT pg_notify(?, ?)").params(PostgresItemStore.CHANGES_CHANNEL, Long.toString(connectionId))
                .query(rs -> { });
        return version;
    }
}
