package io.syncplane.api.auth;

import io.syncplane.persistence.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The api_key table. Issuing and revoking run under an operator's identity (row-level security checks it). */
public final class ApiKeyStore {

    private final JdbcClient jdbc;

    public ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ApiKey> findActive(byte[] keyHash) {
        return jdbc.sql("SELECT id, user_id, created_at, revoked_at FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
                .param(keyHash).query(ApiKeyStore::map).optional();
    }

    public ApiKey insert(byte[] keyHash, Long userId, Instant now) {
        return jdbc.sql("INSERT INTO api_key (key_hash, user_id, created_at) VALUES (?, ?, ?) "
                        + "RETURNING id, user_id, created_at, revoked_at")
                .params(keyHash, userId, JdbcTime.timestamp(now)).query(ApiKeyStore::map).single();
    }

    /** Revokes the key; false if there is no such key or it was already revoked. */
    public boolean revoke(long id, Instant now) {
        return jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(JdbcTime.timestamp(now), id).update() == 1;
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getLong("id"), JdbcTime.nullableLong(rs, "user_id"), JdbcTime.instant(rs, "created_at"),
                JdbcTime.instant(rs, "revoked_at"));
    }
}
