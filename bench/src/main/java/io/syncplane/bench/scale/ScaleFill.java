package io.syncplane.bench.scale;

import io.syncplane.bench.SyncedRowsFill;
import io.syncplane.domain.Source;
import io.syncplane.store.SyncedTables;
import java.util.List;
import java.util.Optional;

/**
 * Fills a schema with set-based SQL (generate_series; no row leaves Postgres), then VACUUM ANALYZE so the tables look
 * like a steady state that autovacuum has seen: {@code rows / 4} users with one connection each, four sync_state rows
 * per connection of which exactly {@code dueRows} are due now (spread evenly over the table, the rest due within the
 * next two hours), and {@code rows} synced rows spread over the four synced tables, ten per (connection, table).
 * A marker table records a finished fill, so a kept schema is reused only when it is complete.
 */
final class ScaleFill {

    /** Synced rows per (connection, table): enough for a realistic feed page, few enough to spread over many users. */
    static final int ROWS_PER_CONNECTION_AND_TABLE = 10;

    private ScaleFill() {
    }

    /** What a fill took; {@code reused} when the schema was filled by an earlier run and kept. */
    record Result(double ledgerSeconds, double syncedSeconds, double vacuumSeconds, boolean reused) {
    }

    static Result fill(ScaleDatabase db, long rows, int dueRows) {
        db.jdbc.sql("CREATE TABLE IF NOT EXISTS scale_fill (rows bigint PRIMARY KEY, due_rows integer, "
                + "ledger_s double precision, synced_s double precision, vacuum_s double precision)").update();
        Optional<Result> earlier = db.jdbc.sql("SELECT ledger_s, synced_s, vacuum_s FROM scale_fill "
                        + "WHERE rows = ? AND due_rows = ?").params(rows, dueRows)
                .query((rs, i) -> new Result(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), true)).optional();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (rows % 4 != 0 || rows % dueRows != 0) {
            throw new IllegalArgumentException("rows must be a multiple of 4 and of the due rows: " + rows);
        }
        long connections = rows / 4;
        long started = System.nanoTime();
        db.jdbc.sql("INSERT INTO app_user (external_id, created_at) "
                + "SELECT 'scale-' || g, now() - interval '30 days' FROM generate_series(1, ?) g")
                .param(connections).update();
        db.jdbc.sql("INSERT INTO google_connection (user_id, account_email, oauth_client_id, refresh_token_ciphertext, "
                + "encryption_key_id, status, created_at, updated_at) "
                + "SELECT id, 'scale' || id || '@example.test', 'client', '\\x00'::bytea, 'k1', 'active', now(), now() "
                + "FROM app_user ORDER BY id").update();
        // n numbers the rows 0..rows-1; every (rows / dueRows)-th is due a minute ago, the others later, spread over
        // an hour so the due index is as wide as in production
        db.jdbc.sql("INSERT INTO sync_state (connection_id, user_id, source, status, sync_cursor, next_sync_at, "
                + "last_successful_sync_at, created_at, updated_at) "
                + "SELECT c.id, c.user_id, s.source, 'idle', 'cursor', "
                + "  CASE WHEN x.n % :every = 0 THEN now() - interval '1 minute' "
                + "       ELSE now() + interval '1 hour' + (x.n % 3600) * interval '1 second' END, "
                + "  now() - interval '5 minutes', now() - interval '30 days', now() "
                + "FROM (SELECT id, user_id, row_number() OVER (ORDER BY id) - 1 AS base FROM google_connection) c "
                + "CROSS JOIN (VALUES ('gmail', 0), ('calendar', 1), ('contacts', 2), ('tasks', 3)) AS s(source, k) "
                + "CROSS JOIN LATERAL (SELECT c.base * 4 + s.k AS n) x")
                .param("every", rows / dueRows).update();
        double ledgerSeconds = (System.nanoTime() - started) / 1e9;

        started = System.nanoTime();
        long withRows = rows / 4 / ROWS_PER_CONNECTION_AND_TABLE;
        for (Source source : Source.values()) {
            SyncedRowsFill.insert(db.jdbc, SyncedTables.of(source),
                    "SELECT id FROM google_connection ORDER BY id LIMIT ?", ROWS_PER_CONNECTION_AND_TABLE, 100,
                    withRows);
        }
        double syncedSeconds = (System.nanoTime() - started) / 1e9;

        started = System.nanoTime();
        for (String table : tables()) {
            db.jdbc.sql("VACUUM ANALYZE " + table).update();
        }
        double vacuumSeconds = (System.nanoTime() - started) / 1e9;
        db.jdbc.sql("INSERT INTO scale_fill VALUES (?, ?, ?, ?, ?)")
                .params(rows, dueRows, ledgerSeconds, syncedSeconds, vacuumSeconds).update();
        return new Result(ledgerSeconds, syncedSeconds, vacuumSeconds, false);
    }

    private static List<String> tables() {
        List<String> names = new java.util.ArrayList<>(List.of("app_user", "google_connection", "sync_state"));
        for (Source source : Source.values()) {
            names.add(SyncedTables.of(source).name());
        }
        return names;
    }

    /** Two neighbouring connections from the middle of those holding synced rows: the polled user's. */
    static List<Long> middleConnections(ScaleDatabase db, long rows) {
        long withRows = rows / 4 / ROWS_PER_CONNECTION_AND_TABLE;
        return db.jdbc.sql("SELECT id FROM google_connection ORDER BY id OFFSET ? LIMIT 2")
                .param(withRows / 2).query(Long.class).list();
    }
}
