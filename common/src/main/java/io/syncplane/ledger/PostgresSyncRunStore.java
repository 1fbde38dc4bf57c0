package io.syncplane.ledger;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.persistence.JdbcTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sync_run table: read and pruned here, appended to and closed by {@link PostgresSyncStateStore}. */
public final class PostgresSyncRunStore implements SyncRunStore {

    private static final String COLUMNS = "r.id, r.connection_id, r.source, r.trigger, r.mode, r.worker_id, "
            + "r.started_at, r.ended_at, r.duration_ms, r.items_added, r.items_updated, r.items_deleted, r.outcome, "
            + "r.items_examined, r.error, r.pages";

    private final JdbcClient jdbc;

    public PostgresSyncRunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<SyncRun> find(long runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sync_run r WHERE r.id = ?")
                .param(runId).query(PostgresSyncRunStore::map).optional();
    }

    @Override
    public List<SyncRun> recent(SyncKey key, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sync_run r JOIN sync_state s ON s.id = r.sync_state_id"
                        + " WHERE s.connection_id = ? AND s.source = ? ORDER BY r.started_at DESC, r.id DESC LIMIT ?")
                .params(key.connectionId(), key.source().id(), limit)
                .query(PostgresSyncRunStore::map).list();
    }

    @Override
    public int pruneStartedBefore(Instant cutoff, int batchSize) {
        // Batched through the started_at index so pruning a large backlog never holds long locks.
        return jdbc.sql("DELETE FROM sync_run WHERE id IN ("
                        + "SELECT id FROM sync_run WHERE started_at < ? AND outcome <> 'running' "
                        + "ORDER BY started_at LIMIT ?)")
                .params(JdbcTime.timestamp(cutoff), batchSize).update();
    }

    long insertRunning(SyncState state, SyncTrigger trigger, String workerId, Instant startedAt) {
        return jdbc.sql("INSERT INTO sync_run (sync_state_id, connection_id, source, trigger, mode, worker_id, "
                        + "started_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, 'running') RETURNING id")
                .params(state.id(), state.key().connectionId(), state.key().source().id(), trigger.id(),
                        state.modeOfNextRun().id(), workerId, JdbcTime.timestamp(startedAt))
                .query(Long.class).single();
    }

    /** One more page committed by the run; in the checkpoint's statement, so the count matches the data. */
    static RunUpdate countPage(long runId) {
        return new RunUpdate("UPDATE sync_run SET pages = pages + 1 WHERE id = :run_id", Map.of("run_id", runId));
    }

    static RunUpdate markFull(long runId) {
        return new RunUpdate("UPDATE sync_run SET mode = 'full' WHERE id = :run_id", Map.of("run_id", runId));
    }

    static RunUpdate end(long runId, SyncRunOutcome outcome, SyncCounts counts, long examined, String error,
                         Instant endedAt) {
        Map<String, Object> p = new HashMap<>();
        p.put("run_id", runId);
        p.put("run_ended_at", JdbcTime.timestamp(endedAt));
        p.put("run_added", counts.added());
        p.put("run_updated", counts.updated());
        p.put("run_deleted", counts.deleted());
        p.put("run_examined", examined);
        p.put("run_outcome", outcome.id());
        p.put("run_error", error);
        return new RunUpdate("UPDATE sync_run SET ended_at = :run_ended_at, "
                + "duration_ms = (extract(epoch FROM (CAST(:run_ended_at AS timestamptz) - started_at)) * 1000)::bigint, "
                + "items_added = :run_added, items_updated = :run_updated, items_deleted = :run_deleted, "
                + "items_examined = :run_examined, outcome = :run_outcome, error = :run_error WHERE id = :run_id", p);
    }

    /**
     * A change to one sync_run row as SQL with named parameters (all prefixed {@code run_}), written by the sync
     * state's transition in the same statement as the state (see {@link PostgresSyncStateStore}), so a transition
     * and its log entry cost one round trip.
     */
    record RunUpdate(String sql, Map<String, Object> params) {
    }

    private static SyncRun map(ResultSet rs, int row) throws SQLException {
        long durationMs = rs.getLong("duration_ms");
        Duration duration = rs.wasNull() ? null : Duration.ofMillis(durationMs);
        return new SyncRun(
                rs.getLong("id"),
                new SyncKey(rs.getLong("connection_id"), Source.require(rs.getString("source"))),
                SyncTrigger.fromId(rs.getString("trigger")),
                SyncMode.fromId(rs.getString("mode")),
                rs.getString("worker_id"),
                JdbcTime.instant(rs, "started_at"),
                JdbcTime.instant(rs, "ended_at"),
                duration,
                new SyncCounts(rs.getLong("items_added"), rs.getLong("items_updated"), rs.getLong("items_deleted")),
                rs.getLong("items_examined"),
                SyncRunOutcome.fromId(rs.getString("outcome")),
                rs.getString("error"),
                rs.getInt("pages"));
    }

}
