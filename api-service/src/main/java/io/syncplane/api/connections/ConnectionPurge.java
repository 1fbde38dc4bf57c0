package io.syncplane.api.connections;

import io.syncplane.domain.Source;
import io.syncplane.store.SyncedTables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes what Syncplane holds of a removed connection: its synced rows and its tokens. The connection row and its
 * sync states stay (disabled) as the record that the account was linked and removed. Runs in the caller's transaction.
 */
public final class ConnectionPurge {

    private final JdbcClient jdbc;

    public ConnectionPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param keepRefreshToken keep the refresh token (its grant could not be revoked yet, and a retry needs it)
     * @return how many synced rows were deleted
     */
    public long purge(long connectionId, boolean keepRefreshToken) {
        long deleted = 0;
        for (Source source : Source.values()) {
            deleted += jdbc.sql("DELETE FROM " + SyncedTables.of(source).name() + " WHERE connection_id = ?")
                    .param(connectionId).update();
        }
        jdbc.sql("DELETE FROM google_access_token WHERE connection_id = ?").param(connectionId).update();
        if (keepRefreshToken) {
            return deleted;
        }
        // the ciphertext column is NOT NULL; an empty value cannot be decrypted into anything
        jdbc.sql("UPDATE google_connection SET refresh_token_ciphertext = '\\x'::bytea WHERE id = ?")
                .param(connectionId).update();
        return deleted;
    }
}
