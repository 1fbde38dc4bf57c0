package io.syncplane.api.ops;

import io.syncplane.api.auth.ApiKeys;
import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.persistence.JdbcTime;
import io.syncplane.queue.Lane;
import io.syncplane.queue.QueueStats;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The figures an operator looks at first. Each query walks an index (status counts aside, which read the ledger's
 * status column once), so the endpoint stays cheap to poll.
 */
public final class StatsService {

    private static final Duration WINDOW = Duration.ofHours(24);

    private final CallerTransactions transactions;
    private final JdbcClient jdbc;
    private final SyncQueue queue;
    private final Clock clock;

    public StatsService(CallerTransactions transactions, JdbcClient jdbc, SyncQueue queue, Clock clock) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.queue = queue;
        this.clock = clock;
    }

    public Stats stats(Caller caller) {
        ApiKeys.requireOperator(caller);
        Instant now = clock.instant();
        Ledger ledger = transactions.read(caller, () -> ledger(now));
        QueueStats q = queue.stats();
        Map<String, QueueLane> lanes = new LinkedHashMap<>();
        for (Lane lane : Lane.values()) {
            lanes.put(lane.name().toLowerCase(Locale.ROOT),
                    new QueueLane(q.ready().getOrDefault(lane, 0L), q.delayed().getOrDefault(lane, 0L)));
        }
        return new Stats(ledger.byStatus().getOrDefault(SyncStatus.SYNCING.id(), 0L), ledger.runs(),
                ledger.byStatus(), new QueueView(lanes, q.parked(), q.running(), q.dead()), ledger.oldestOverdue());
    }

    private Ledger ledger(Instant now) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        Arrays.stream(SyncStatus.values()).forEach(status -> byStatus.put(status.id(), 0L));
        jdbc.sql("SELECT status, count(*) AS n FROM sync_state GROUP BY status")
                .query(rs -> {
                    byStatus.put(rs.getString("status"), rs.getLong("n"));
                });
        Runs runs = jdbc.sql("SELECT count(*) AS total, count(*) FILTER (WHERE outcome = 'succeeded') AS ok,"
                        + " count(*) FILTER (WHERE outcome = 'running') AS running"
                        + " FROM sync_run WHERE started_at >= ?")
                .param(JdbcTime.timestamp(now.minus(WINDOW)))
                .query((rs, n) -> {
                    long finished = rs.getLong("total") - rs.getLong("running");
                    return new Runs(rs.getLong("total"), rs.getLong("ok"),
                            finished == 0 ? null : (double) rs.getLong("ok") / finished);
                }).single();
        Overdue overdue = jdbc.sql("SELECT connection_id, source, next_sync_at FROM sync_state"
                        + " WHERE status IN ('idle', 'error', 'rate_limited') AND next_sync_at <= ?"
                        + " ORDER BY next_sync_at, id LIMIT 1")
                .param(JdbcTime.timestamp(now))
                .query((rs, n) -> {
                    Instant due = JdbcTime.instant(rs, "next_sync_at");
                    return new Overdue(rs.getLong("connection_id"), rs.getString("source"), due,
                            Duration.between(due, now).toMillis() / 1000.0);
                }).optional().orElse(null);
        return new Ledger(byStatus, runs, overdue);
    }

    private record Ledger(Map<String, Long> byStatus, Runs runs, Overdue oldestOverdue) {
    }

    /**
     * @param syncsInProgress sources syncing now
     * @param last24h         runs started in the last 24 h
     * @param byStatus        sources per ledger status
     * @param oldestOverdue   the source waiting longest past its due time, null when none is overdue
     */
    public record Stats(long syncsInProgress, Runs last24h, Map<String, Long> byStatus, QueueView queue,
                        Overdue oldestOverdue) {
    }

    /** @param successRate succeeded / finished runs, null when none finished */
    public record Runs(long started, long succeeded, Double successRate) {
    }

    public record QueueView(Map<String, QueueLane> lanes, long parked, long running, long deadLettered) {
    }

    public record QueueLane(long ready, long delayed) {
    }

    public record Overdue(long connectionId, String source, Instant dueAt, double overdueSeconds) {
    }
}
