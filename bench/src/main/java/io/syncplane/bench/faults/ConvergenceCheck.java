package io.syncplane.bench.faults;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares every (user, source) copy in Postgres with the emulator's ground truth, and the ledger with what it
 * should say once all is quiet: nothing missing, nothing extra, no live row Google deleted, no field out of date,
 * no duplicate, no sync stuck in 'syncing', every source idle, nothing dead-lettered. A user whose grants were
 * revoked is left out of the data comparison and must instead show needs_reauth, connection and every source.
 */
final class ConvergenceCheck {

    private static final List<String> SOURCES = List.of("gmail", "calendar", "contacts", "tasks");

    private final EmulatorClient emulator;
    private final LedgerProbe ledger;
    private final ScratchRedis redis;
    private final int users;

    ConvergenceCheck(EmulatorClient emulator, LedgerProbe ledger, ScratchRedis redis, int users) {
        this.emulator = emulator;
        this.ledger = ledger;
        this.redis = redis;
        this.users = users;
    }

    /**
     * Reads every user's ground truth first (in parallel: a check must be short, or "converged within two scan
     * periods" cannot be told apart from "converged while the check ran"), then compares on one connection.
     */
    List<Divergence> run(Set<String> revoked, Set<String> liveWorkers) throws IOException {
        Map<String, Map<String, List<CopyRow>>> truths = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> reads = new ArrayList<>();
            for (int index = 1; index <= users; index++) {
                String email = EmulatorClient.email(index);
                if (!revoked.contains(email)) {
                    reads.add(pool.submit(() -> {
                        truths.put(email, GroundTruthRows.of(emulator.groundTruth(email)));
                        return null;
                    }));
                }
            }
            for (java.util.concurrent.Future<?> read : reads) {
                read.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("reading the ground truth failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Divergence> found = ledger.query(db -> {
            List<Divergence> all = new ArrayList<>();
            for (int index = 1; index <= users; index++) {
                String email = EmulatorClient.email(index);
                all.addAll(compareUser(db, email, truths.get(email), liveWorkers));
            }
            return all;
        });
        for (String dead : redis.deadLetters()) {
            found.add(new Divergence("?", "?", "dead_lettered", dead, "in the queue's dead-letter set"));
        }
        return found;
    }

    private List<Divergence> compareUser(Connection db, String email, Map<String, List<CopyRow>> truth,
                                         Set<String> liveWorkers) throws SQLException {
        List<Divergence> found = new ArrayList<>();
        List<long[]> connections = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(
                "SELECT id, status FROM google_connection WHERE account_email = ? AND status <> 'removed'")) {
            statement.setString(1, email);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    connections.add(new long[] {rows.getLong(1)});
                    statuses.add(rows.getString(2));
                }
            }
        }
        if (connections.isEmpty()) {
            found.add(new Divergence(email, "*", "missing", "connection", "no linked connection"));
            return found;
        }
        if (connections.size() > 1) {
            found.add(new Divergence(email, "*", "duplicate", "connection", connections.size() + " connections"));
        }
        long connectionId = connections.get(0)[0];
        boolean revoked = truth == null;
        if (revoked && !"needs_reauth".equals(statuses.get(0))) {
            found.add(new Divergence(email, "*", "revocation_not_seen", "connection", "status " + statuses.get(0)));
        }
        found.addAll(ledgerState(db, email, connectionId, revoked, liveWorkers));
        if (revoked) {
            return found;
        }
        StoredRows.Copy copy = StoredRows.of(db, connectionId);
        for (String source : SOURCES) {
            found.addAll(compare(email, source, truth.get(source), copy.live().get(source),
                    Set.copyOf(copy.tombstones().get(source))));
        }
        return found;
    }

    private static List<Divergence> ledgerState(Connection db, String email, long connectionId, boolean revoked,
                                                Set<String> liveWorkers) throws SQLException {
        List<Divergence> found = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement("SELECT source, status, lease_owner, "
                + "lease_expires_at < now(), consecutive_errors, last_error FROM sync_state WHERE connection_id = ?")) {
            statement.setLong(1, connectionId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String source = rows.getString(1);
                    String status = rows.getString(2);
                    String detail = "status " + status + ", " + rows.getInt(5) + " errors in a row, last: "
                            + rows.getString(6);
                    if (revoked) {
                        if (!"needs_reauth".equals(status)) {
                            found.add(new Divergence(email, source, "revocation_not_seen", "sync_state", detail));
                        }
                    } else if ("syncing".equals(status)) {
                        // a poll may be running right now; only a lease that ran out or whose worker is gone is stuck
                        if (rows.getBoolean(4) || !liveWorkers.contains(rows.getString(3))) {
                            found.add(new Divergence(email, source, "stuck_syncing", "sync_state",
                                    detail + ", lease of " + rows.getString(3)));
                        }
                    } else if (!"idle".equals(status)) {
                        found.add(new Divergence(email, source, "not_idle", "sync_state", detail));
                    }
                }
            }
        }
        return found;
    }

    static List<Divergence> compare(String email, String source, List<CopyRow> truth, List<CopyRow> live,
                                    Set<String> tombstones) {
        List<Divergence> found = new ArrayList<>();
        Map<String, CopyRow> google = index(email, source, truth, found, "at Google");
        Map<String, CopyRow> ours = index(email, source, live, found, "in the copy");
        for (CopyRow row : google.values()) {
            CopyRow copy = ours.get(row.key());
            if (copy == null) {
                found.add(new Divergence(email, source, "missing", row.key(),
                        tombstones.contains(row.key()) ? "tombstoned here, live at Google" : "never stored"));
            } else if (!row.fields().equals(copy.fields())) {
                found.add(new Divergence(email, source, "out_of_date", row.key(), differences(row, copy)));
            }
        }
        for (CopyRow copy : ours.values()) {
            if (!google.containsKey(copy.key())) {
                found.add(new Divergence(email, source, "deleted_at_google_live_here", copy.key(), null));
            }
        }
        return found;
    }

    private static Map<String, CopyRow> index(String email, String source, List<CopyRow> rows,
                                              List<Divergence> found, String where) {
        Map<String, CopyRow> byKey = new HashMap<>();
        for (CopyRow row : rows) {
            if (byKey.put(row.key(), row) != null) {
                found.add(new Divergence(email, source, "duplicate", row.key(), "twice " + where));
            }
        }
        return byKey;
    }

    private static String differences(CopyRow google, CopyRow copy) {
        StringBuilder out = new StringBuilder();
        google.fields().forEach((field, value) -> {
            String ours = copy.fields().get(field);
            if (!Objects.equals(value, ours)) {
                out.append(out.isEmpty() ? "" : "; ").append(field).append(": google=").append(value)
                        .append(" ours=").append(ours);
            }
        });
        return out.toString();
    }
}
