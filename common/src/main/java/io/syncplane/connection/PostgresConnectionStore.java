package io.syncplane.connection;

import io.syncplane.crypto.EncryptedSecret;
import io.syncplane.crypto.SecretCipher;
import io.syncplane.persistence.JdbcTime;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link ConnectionStore} on Postgres, with refresh tokens sealed by {@link SecretCipher}. */
public final class PostgresConnectionStore implements ConnectionStore {

    private static final String COLUMNS = "id, user_id, account_email, oauth_client_id, status, status_reason, "
            + "encryption_key_id, created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    public PostgresConnectionStore(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public AppUser ensureUser(String externalId) {
        if (externalId == null || externalId.isBlank()) {
            throw new IllegalArgumentException("user id must not be blank");
        }
        jdbc.sql("INSERT INTO app_user (external_id, created_at) VALUES (?, ?) ON CONFLICT (external_id) DO NOTHING")
                .params(externalId, JdbcTime.timestamp(clock.instant())).update();
        return findUser(externalId).orElseThrow();
    }

    @Override
    public Optional<AppUser> findUser(String externalId) {
        return jdbc.sql("SELECT id, external_id, created_at FROM app_user WHERE external_id = ?")
                .param(externalId)
                .query((rs, n) -> new AppUser(rs.getLong("id"), rs.getString("external_id"), JdbcTime.instant(rs, "created_at")))
                .optional();
    }

    @Override
    public Optional<AppUser> findUser(long userId) {
        return jdbc.sql("SELECT id, external_id, created_at FROM app_user WHERE id = ?")
                .param(userId)
                .query((rs, n) -> new AppUser(rs.getLong("id"), rs.getString("external_id"), JdbcTime.instant(rs, "created_at")))
                .optional();
    }

    @Override
    public GoogleConnection addConnection(long userId, String accountEmail, String oauthClientId,
                                          RefreshToken refreshToken) {
        String email = normalizeEmail(accountEmail);
        EncryptedSecret sealed = cipher.encrypt(refreshToken.bytes(), associatedData(userId, email));
        Instant now = clock.instant();
        try {
            return jdbc.sql("INSERT INTO google_connection (user_id, account_email, oauth_client_id, "
                            + "refresh_token_ciphertext, encryption_key_id, status, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, 'active', ?, ?) RETURNING " + COLUMNS)
                    .params(userId, email, oauthClientId, sealed.ciphertext(), sealed.keyId(), JdbcTime.timestamp(now), JdbcTime.timestamp(now))
                    .query(PostgresConnectionStore::map).single();
        } catch (DuplicateKeyException e) {
            throw new DuplicateConnectionException(userId, email);
        }
    }

    @Override
    public Optional<GoogleConnection> find(long connectionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM google_connection WHERE id = ?")
                .param(connectionId).query(PostgresConnectionStore::map).optional();
    }

    @Override
    public List<GoogleConnection> findByUser(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM google_connection WHERE user_id = ? ORDER BY id")
                .param(userId).query(PostgresConnectionStore::map).list();
    }

    @Override
    public RefreshToken refreshToken(long connectionId) {
        Sealed sealed = sealed(connectionId);
        byte[] plain = cipher.decrypt(sealed.secret(), associatedData(sealed.userId(), sealed.email()));
        return RefreshToken.of(new String(plain, StandardCharsets.UTF_8));
    }

    @Override
    public GoogleConnection reauthorize(long connectionId, RefreshToken refreshToken) {
        GoogleConnection connection = require(connectionId);
        EncryptedSecret sealed = cipher.encrypt(refreshToken.bytes(),
                associatedData(connection.userId(), connection.accountEmail()));
        return jdbc.sql("UPDATE google_connection SET refresh_token_ciphertext = ?, encryption_key_id = ?, "
                        + "status = 'active', status_reason = NULL, updated_at = ?, version = version + 1 "
                        + "WHERE id = ? RETURNING " + COLUMNS)
                .params(sealed.ciphertext(), sealed.keyId(), JdbcTime.timestamp(clock.instant()), connectionId)
                .query(PostgresConnectionStore::map).single();
    }

    @Override
    public GoogleConnection markNeedsReauthorization(long connectionId, String reason) {
        return setStatus(connectionId, ConnectionStatus.NEEDS_REAUTH, reason);
    }

    @Override
    public GoogleConnection markRemoved(long connectionId, String reason) {
        return setStatus(connectionId, ConnectionStatus.REMOVED, reason);
    }

    @Override
    public int rotateEncryptionKeys(int batchSize) {
        List<Long> ids = jdbc.sql("SELECT id FROM google_connection WHERE encryption_key_id <> ? ORDER BY id LIMIT ?")
                .params(cipher.primaryKeyId(), batchSize).query(Long.class).list();
        int rotated = 0;
        for (long id : ids) {
            Sealed old = sealed(id);
            byte[] aad = associatedData(old.userId(), old.email());
            EncryptedSecret resealed = cipher.encrypt(cipher.decrypt(old.secret(), aad), aad);
            // Compare-and-set on the old key id: a concurrent re-authorisation wins and is not overwritten.
            rotated += jdbc.sql("UPDATE google_connection SET refresh_token_ciphertext = ?, encryption_key_id = ? "
                            + "WHERE id = ? AND encryption_key_id = ?")
                    .params(resealed.ciphertext(), resealed.keyId(), id, old.secret().keyId()).update();
        }
        return rotated;
    }

    private GoogleConnection setStatus(long connectionId, ConnectionStatus status, String reason) {
        return jdbc.sql("UPDATE google_connection SET status = ?, status_reason = ?, updated_at = ?, "
                        + "version = version + 1 WHERE id = ? RETURNING " + COLUMNS)
                .params(status.id(), reason, JdbcTime.timestamp(clock.instant()), connectionId)
                .query(PostgresConnectionStore::map).optional()
                .orElseThrow(() -> new ConnectionNotFoundException(connectionId));
    }

    private GoogleConnection require(long connectionId) {
        return find(connectionId).orElseThrow(() -> new ConnectionNotFoundException(connectionId));
    }

    private Sealed sealed(long connectionId) {
        return jdbc.sql("SELECT user_id, account_email, encryption_key_id, refresh_token_ciphertext "
                        + "FROM google_connection WHERE id = ?")
                .param(connectionId)
                .query((rs, n) -> new Sealed(rs.getLong("user_id"), rs.getString("account_email"),
                        new EncryptedSecret(rs.getString("encryption_key_id"), rs.getBytes("refresh_token_ciphertext"))))
                .optional().orElseThrow(() -> new ConnectionNotFoundException(connectionId));
    }

    private static byte[] associatedData(long userId, String email) {
        return ("syncplane/google_connection/refresh_token/" + userId + "/" + email).getBytes(StandardCharsets.UTF_8);
    }

    private static String normalizeEmail(String email) {
        if (email == null || email.isBlank() || !email.contains("@")) {
            throw new IllegalArgumentException("not an email address: '" + email + "'");
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static GoogleConnection map(ResultSet rs, int row) throws SQLException {
        return new GoogleConnection(rs.getLong("id"), rs.getLong("user_id"), rs.getString("account_email"),
                rs.getString("oauth_client_id"), ConnectionStatus.fromId(rs.getString("status")),
                rs.getString("status_reason"), rs.getString("encryption_key_id"), JdbcTime.instant(rs, "created_at"),
                JdbcTime.instant(rs, "updated_at"), rs.getLong("version"));
    }


    private record Sealed(long userId, String email, EncryptedSecret secret) {
    }
}
