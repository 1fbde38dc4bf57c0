package io.syncplane.google;

import io.syncplane.connection.ConnectionStore;
import io.syncplane.connection.RefreshToken;
import io.syncplane.crypto.EncryptedSecret;
import io.syncplane.crypto.SecretCipher;
import io.syncplane.persistence.JdbcTime;
import io.syncplane.sync.ReauthorizationRequiredException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out a usable access token per connection. Tokens are shared through Postgres, so one refresh serves every
 * worker; a refresh happens under a row lock on the connection, so at most one runs at a time per connection across
 * the whole cluster, and whoever waited for the lock finds the fresh token instead of refreshing again. A refresh
 * answered with invalid_grant marks the connection as needing re-authorisation; after that no refresh is attempted.
 */
public final class AccessTokenProvider {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ConnectionStore connections;
    private final SecretCipher cipher;
    private final TokenRefresher refresher;
    private final GoogleProperties properties;
    private final Clock clock;
    private final Map<Long, AccessToken> cache = new ConcurrentHashMap<>();

    public AccessTokenProvider(JdbcClient jdbc, TransactionTemplate transactions, ConnectionStore connections,
                               SecretCipher cipher, TokenRefresher refresher, GoogleProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.connections = connections;
        this.cipher = cipher;
        this.refresher = refresher;
        this.properties = properties;
        this.clock = clock;
    }

    /** A token valid for at least the refresh margin. */
    public AccessToken current(long connectionId) {
        AccessToken cached = cache.get(connectionId);
        if (cached != null && cached.usableAt(clock.instant(), properties.refreshMargin())) {
            return cached;
        }
        Outcome outcome = transactions.execute(tx -> lockedRefresh(connectionId));
        if (outcome.invalidGrant() != null) {
            throw new ReauthorizationRequiredException(outcome.invalidGrant(), null);
        }
        cache.put(connectionId, outcome.token());
        return outcome.token();
    }

    /**
     * Google refused {@code refused} (401): forget it everywhere so the next call refreshes. Only that very token is
     * expired (compared under the row lock), so a token another caller refreshed in the meantime survives.
     */
    public void invalidate(long connectionId, AccessToken refused) {
        cache.remove(connectionId, refused);
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("SELECT id FROM google_connection WHERE id = ? FOR UPDATE").param(connectionId)
                    .query(Long.class).optional();
            if (stored(connectionId).filter(token -> token.value().equals(refused.value())).isPresent()) {
                jdbc.sql("UPDATE google_access_token SET expires_at = ? WHERE connection_id = ?")
                        .params(JdbcTime.timestamp(clock.instant()), connectionId).update();
            }
        });
    }

    private Outcome lockedRefresh(long connectionId) {
        String status = jdbc.sql("SELECT status FROM google_connection WHERE id = ? FOR UPDATE")
                .param(connectionId).query(String.class).optional()
                .orElseThrow(() -> new ReauthorizationRequiredException("connection " + connectionId + " is gone", null));
        if (!"active".equals(status)) {
            return Outcome.refused("connection " + connectionId + " is " + status);
        }
        Optional<AccessToken> stored = stored(connectionId);
        if (stored.isPresent() && stored.get().usableAt(clock.instant(), properties.refreshMargin())) {
            return Outcome.of(stored.get());
        }
        String clientId = connections.find(connectionId).orElseThrow().oauthClientId();
        GoogleProperties.OAuthClient client = properties.client(clientId).orElseThrow(() ->
                new IllegalStateException("OAuth client " + clientId + " of connection " + connectionId
                        + " is not configured (syncplane.google.clients)"));
        RefreshToken refreshToken = connections.refreshToken(connectionId);
        AccessToken fresh;
        try {
            fresh = refresher.refresh(client, refreshToken);
        } catch (InvalidGrantException e) {
            connections.markNeedsReauthorization(connectionId, e.getMessage());
            return Outcome.refused(e.getMessage()); // committed: the connection stays marked
        } catch (IOException e) {
            throw new UncheckedIOException("token refresh for connection " + connectionId + " failed", e);
        }
        store(connectionId, fresh);
        return Outcome.of(fresh);
    }

    private Optional<AccessToken> stored(long connectionId) {
        return jdbc.sql("SELECT token_ciphertext, encryption_key_id, expires_at FROM google_access_token "
                        + "WHERE connection_id = ?")
                .param(connectionId)
                .query((rs, n) -> new AccessToken(
                        new String(cipher.decrypt(new EncryptedSecret(rs.getString("encryption_key_id"),
                                rs.getBytes("token_ciphertext")), aad(connectionId)), StandardCharsets.UTF_8),
                        JdbcTime.instant(rs, "expires_at")))
                .optional();
    }

    private void store(long connectionId, AccessToken token) {
        EncryptedSecret sealed = cipher.encrypt(token.value().getBytes(StandardCharsets.UTF_8), aad(connectionId));
        jdbc.sql("INSERT INTO google_access_token (connection_id, token_ciphertext, encryption_key_id, expires_at, "
                        + "refreshed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (connection_id) DO UPDATE SET "
                        + "token_ciphertext = EXCLUDED.token_ciphertext, encryption_key_id = EXCLUDED.encryption_key_id, "
                        + "expires_at = EXCLUDED.expires_at, refreshed_at = EXCLUDED.refreshed_at")
                .params(connectionId, sealed.ciphertext(), sealed.keyId(), JdbcTime.timestamp(token.expiresAt()),
                        JdbcTime.timestamp(clock.instant()))
                .update();
    }

    private static byte[] aad(long connectionId) {
        return ("syncplane/google_access_token/" + connectionId).getBytes(StandardCharsets.UTF_8);
    }

    private record Outcome(AccessToken token, String invalidGrant) {
        static Outcome of(AccessToken token) {
            return new Outcome(token, null);
        }

        static Outcome refused(String why) {
            return new Outcome(null, why);
        }
    }
}
