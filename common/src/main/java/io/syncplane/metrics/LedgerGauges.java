package io.syncplane.metrics;

import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.persistence.JdbcTime;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the ledger-wide figures behind the cluster gauges, in one read-only transaction. Every query is bounded by an
 * index or by what is running:
 * <ul>
 * <li>states per (source, status): one aggregate over sync_state (rows = connections x sources);</li>
 * <li>stalled running syncs: the rows with status 'syncing' only (sync_state_interrupted_idx's predicate), which are at
 * most the cluster's total worker concurrency;</li>
 * <li>the oldest due sync per source: sync_state_due_idx walked in next_sync_at order, LIMIT 1 per source;</li>
 * <li>the nearest push channel expiry per source: push_channel_expiry_idx, LIMIT 1 per source.</li>
 * </ul>
 */
public final class LedgerGauges {

    private static final String SOURCES = "(VALUES ('gmail'), ('calendar'), ('contacts'), ('tasks')) AS s (source)";

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final String role;

    /**
     * @param role a role to read as ({@code SET LOCAL ROLE}), for a service whose sessions are under row-level
     *             security (the api-service reads as its operator role); null to read as the session's role
     */
    public LedgerGauges(JdbcClient jdbc, TransactionTemplate readOnly, String role) {
        if (role != null && !role.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a role name: " + role);
        }
        this.jdbc = jdbc;
        this.readOnly = readOnly;
        this.role = role;
    }

    /** What the cluster gauges show, as of {@code now}. */
    public record Snapshot(Map<Source, Map<SyncStatus, Long>> states, Map<Source, Duration> stalled,
                           Map<Source, Duration> pushExpiresIn) {
    }

    public Snapshot read(Instant now) {
        return readOnly.execute(tx -> {
            if (role != null) {
                jdbc.sql("SET LOCAL ROLE " + role).update();
            }
            return new Snapshot(states(), stalled(now), pushExpiresIn(now));
        });
    }

    private Map<Source, Map<SyncStatus, Long>> states() {
        Map<Source, Map<SyncStatus, Long>> states = new EnumMap<>(Source.class);
        for (Source source : Source.values()) {
            Map<SyncStatus, Long> byStatus = new EnumMap<>(SyncStatus.class);
            for (SyncStatus status : SyncStatus.values()) {
                byStatus.put(status, 0L);
            }
            states.put(source, byStatus);
        }
        jdbc.sql("SELECT source, status, count(*) AS n FROM sync_state GROUP BY source, status").query(rs -> {
            Source source = source(rs.getString("source"));
            SyncStatus status = status(rs.getString("status"));
            if (source != null && status != null) {
                states.get(source).put(status, rs.getLong("n"));
            }
        });
        return states;
    }

    /**
     * Per source, the longest lack of progress: a running sync since its last checkpoint or its start, whichever is
     * later (a resumed run keeps the checkpoint time of the attempt it resumes); a due one since it fell due.
     */
    Map<Source, Duration> stalled(Instant now) {
        Map<Source, Duration> stalled = new EnumMap<>(Source.class);
        for (Source source : Source.values()) {
            stalled.put(source, Duration.ZERO);
        }
        jdbc.sql("SELECT source, min(greatest(checkpoint_at, last_sync_at)) AS since FROM sync_state "
                        + "WHERE status = 'syncing' GROUP BY source")
                .query((RowCallbackHandler) rs ->
                        longer(stalled, source(rs.getString("source")), JdbcTime.instant(rs, "since"), now));
        jdbc.sql("SELECT s.source, (SELECT d.next_sync_at FROM sync_state d "
                        + "WHERE d.status IN ('idle', 'error', 'rate_limited') AND d.next_sync_at <= :now "
                        + "AND d.source = s.source ORDER BY d.next_sync_at LIMIT 1) AS since FROM " + SOURCES)
                .param("now", JdbcTime.timestamp(now))
                .query((RowCallbackHandler) rs ->
                        longer(stalled, source(rs.getString("source")), JdbcTime.instant(rs, "since"), now));
        return stalled;
    }

    private Map<Source, Duration> pushExpiresIn(Instant now) {
        Map<Source, Duration> nearest = new EnumMap<>(Source.class);
        jdbc.sql("SELECT s.source, (SELECT c.expires_at FROM push_channel c WHERE c.status = 'active' "
                        + "AND c.source = s.source ORDER BY c.expires_at LIMIT 1) AS expires_at "
                        + "FROM (VALUES ('gmail'), ('calendar')) AS s (source)")
                .query(rs -> {
                    Source source = source(rs.getString("source"));
                    Instant expiresAt = JdbcTime.instant(rs, "expires_at");
                    if (source != null && expiresAt != null) {
                        nearest.put(source, Duration.between(now, expiresAt));
                    }
                });
        return nearest;
    }

    private static void longer(Map<Source, Duration> stalled, Source source, Instant since, Instant now) {
        if (source == null || since == null) {
            return;
        }
        Duration age = Duration.between(since, now);
        if (age.compareTo(stalled.get(source)) > 0) {
            stalled.put(source, age);
        }
    }

    private static Source source(String id) {
        for (Source source : Source.values()) {
            if (source.id().equals(id)) {
                return source;
            }
        }
        return null;
    }

    private static SyncStatus status(String id) {
        for (SyncStatus status : SyncStatus.values()) {
            if (status.id().equals(id)) {
                return status;
            }
        }
        return null;
    }
}
