package io.syncplane.connector.tasks;

import io.syncplane.store.SyncedTables;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Which task lists our copy holds live tasks of: the lists an incremental sync must still find at Google. */
final class StoredTaskLists {

    private final JdbcClient jdbc;

    StoredTaskLists(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> withLiveTasks(long connectionId) {
        return new TreeSet<>(jdbc.sql("SELECT DISTINCT tasklist_id FROM " + SyncedTables.TASK.name()
                        + " WHERE connection_id = ? AND deleted_at IS NULL")
                .param(connectionId).query(String.class).list());
    }
}
