package io.syncplane.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills the ledger with many rows in a few set-based statements, for plan tests and the scanner benchmark: all
 * sources of {@code connections} connections, a fraction due, a few running with expired leases, the rest idle
 * and due in the future.
 */
public final class LedgerTableFiller {

    private LedgerTableFiller() {
    }

    /**
     * @param dueEvery one state in this many is due now; one in {@code 10 * dueEvery} is running with an expired lease
     */
    public static void fill(JdbcClient jdbc, int connections, int dueEvery) {
        jdbc.sql("INSERT INTO app_user (external_id, created_at) "
                + "SELECT 'bulk-' || g, now() - interval '30 days' FROM generate_series(1, :n) g")
                .param("n", connections).update();
        jdbc.sql("INSERT INTO google_connection (user_id, account_email, oauth_client_id, refresh_token_ciphertext, "
                + "encryption_key_id, status, created_at, updated_at) "
                + "SELECT id, 'bulk' || id || '@example.test', 'client', '\\x00'::bytea, 'k1', 'active', now(), now() "
                + "FROM app_user WHERE external_id LIKE 'bulk-%'").update();
        jdbc.sql("INSERT INTO sync_state (connection_id, user_id, source, status, sync_cursor, next_sync_at, "
                + "last_successful_sync_at, lease_owner, lease_expires_at, created_at, updated_at) "
                + "SELECT c.id, c.user_id, s.source, "
                + "  CASE WHEN n % (:due * 10) = 1 THEN 'syncing' ELSE 'idle' END, 'cursor', "
                + "  CASE WHEN n % :due = 0 THEN now() - interval '1 minute' ELSE now() + interval '1 hour' END, "
                + "  CASE WHEN n % :due = 0 THEN now() - interval '2 days' ELSE now() - interval '1 minute' END, "
                + "  CASE WHEN n % (:due * 10) = 1 THEN 'dead-worker' END, "
                + "  CASE WHEN n % (:due * 10) = 1 THEN now() - interval '5 minutes' END, "
                + "  now() - interval '30 days', now() "
                + "FROM (SELECT c.*, row_number() OVER (ORDER BY c.id) AS base FROM google_connection c) c "
                + "CROSS JOIN LATERAL (VALUES ('gmail', 0), ('calendar', 1), ('contacts', 2), ('tasks', 3)) "
                + "  AS s(source, k) "
                + "CROSS JOIN LATERAL (SELECT c.base * 4 + s.k AS n) x")
                .param("due", dueEvery).update();
        jdbc.sql("ANALYZE sync_state").update();
    }
}
