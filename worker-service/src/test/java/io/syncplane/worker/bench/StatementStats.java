package io.syncplane.worker.bench;

import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What Postgres itself counted, from {@code pg_stat_statements}: calls per normalised statement in this database, read
 * before and after a window so the difference is the window's. It needs the module in
 * {@code shared_preload_libraries}, which only a server start sets: bench/scripts/idle-sync starts a private cluster
 * with it; against a server without it this says why and the benchmark falls back to its JDBC-level counts.
 */
final class StatementStats {

    /** The benchmark's own bookkeeping, not the worker's: left out of the counts. */
    private static final String OWN_QUERY = "SELECT count(*) FROM sync_run";

    private final JdbcClient jdbc;
    private final String unavailable;

    private StatementStats(JdbcClient jdbc, String unavailable) {
        this.jdbc = jdbc;
        this.unavailable = unavailable;
    }

    static StatementStats open(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        try {
            // Asked first so a server without the module is left as it was (no extension created in its database).
            String preloaded = jdbc.sql("SHOW shared_preload_libraries").query(String.class).single();
            if (!preloaded.contains("pg_stat_statements")) {
                return new StatementStats(jdbc, "pg_stat_statements is not in this server's shared_preload_libraries");
            }
            jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
            jdbc.sql("SELECT count(*) FROM pg_stat_statements").query(Long.class).single();
            return new StatementStats(jdbc, null);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            return new StatementStats(jdbc, message);
        }
    }

    boolean available() {
        return unavailable == null;
    }

    /** Why there are no figures, or null when there are. */
    String unavailableBecause() {
        return unavailable;
    }

    /** Calls so far per statement text in this database; empty when unavailable. */
    Map<String, Long> calls() {
        Map<String, Long> calls = new TreeMap<>();
        if (!available()) {
            return calls;
        }
        jdbc.sql("SELECT query, sum(calls)::bigint AS calls FROM pg_stat_statements "
                        + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                        + "AND query NOT LIKE '%pg_stat_statements%' GROUP BY query")
                .query((rs, i) -> Map.entry(rs.getString("query"), rs.getLong("calls")))
                .list()
                .stream()
                .filter(entry -> !entry.getKey().startsWith(OWN_QUERY))
                .forEach(entry -> calls.put(entry.getKey(), entry.getValue()));
        return calls;
    }

    /** {@code after - before}, statements that ran in between only. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((query, n) -> {
            long d = n - before.getOrDefault(query, 0L);
            if (d > 0) {
                delta.put(query, d);
            }
        });
        return delta;
    }

    /** Transaction control (BEGIN, COMMIT, ROLLBACK, SET ...) as pg_stat_statements records it with track_utility. */
    static boolean isTransactionControl(String query) {
        String head = query.stripLeading().toUpperCase(java.util.Locale.ROOT);
        return head.startsWith("BEGIN") || head.startsWith("COMMIT") || head.startsWith("ROLLBACK")
                || head.startsWith("SET ") || head.startsWith("START TRANSACTION");
    }

    /**
     * The start of an explicit transaction. Counted rather than COMMIT: pg_stat_statements did not list PgJDBC's
     * COMMITs in the measured windows (BEGIN it did), so COMMITs would read as zero transactions.
     */
    static boolean isBegin(String query) {
        return query.stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("BEGIN");
    }
}
