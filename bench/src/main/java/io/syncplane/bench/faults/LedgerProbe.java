package io.syncplane.bench.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's read-only look at the ledger. A connection per question, retried while Postgres is being restarted
 * by the bench itself, so a probe never mistakes the bench's own fault for a finding.
 */
final class LedgerProbe {

    interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String jdbcUrl;

    LedgerProbe(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    <T> T query(Query<T> query) {
        SQLException last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                return query.run(connection);
            } catch (SQLException e) {
                last = e;
                Commands.sleep(500);
            }
        }
        throw new IllegalStateException("the ledger did not answer for 30 s", last);
    }

    long count(String sql) {
        return query(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Running syncs per worker id (leases the ledger holds). */
    Map<String, Integer> runningByWorker() {
        return query(c -> {
            Map<String, Integer> out = new HashMap<>();
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT lease_owner, count(*) FROM sync_state WHERE status = 'syncing' GROUP BY lease_owner");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.put(rows.getString(1), rows.getInt(2));
                }
            }
            return out;
        });
    }

    /** Whether the worker with this id started a sync at or after {@code since}. */
    boolean startedSyncSince(String workerId, Instant since) {
        return query(c -> {
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT 1 FROM sync_run WHERE worker_id = ? AND started_at >= ? LIMIT 1")) {
                statement.setString(1, workerId);
                statement.setTimestamp(2, Timestamp.from(since));
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** Every sync start in [from, to), in order, across the cluster. */
    List<Instant> syncStarts(Instant from, Instant to) {
        return query(c -> {
            List<Instant> out = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT started_at FROM sync_run WHERE started_at >= ? AND started_at < ? ORDER BY started_at")) {
                statement.setTimestamp(1, Timestamp.from(from));
                statement.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.add(rows.getTimestamp(1).toInstant());
                    }
                }
            }
            return out;
        });
    }

    /** The longest stretch of [from, to) without a sync start; its edges count, so a stall at either end shows. */
    static Gap longestGap(List<Instant> starts, Instant from, Instant to) {
        Gap longest = new Gap(from, starts.isEmpty() ? to : starts.get(0));
        Instant previous = from;
        for (Instant start : starts) {
            if (Duration.between(previous, start).compareTo(longest.length()) > 0) {
                longest = new Gap(previous, start);
            }
            previous = start;
        }
        if (Duration.between(previous, to).compareTo(longest.length()) > 0) {
            longest = new Gap(previous, to);
        }
        return longest;
    }

    record Gap(Instant from, Instant to) {
        Duration length() {
            return Duration.between(from, to);
        }
    }
}
