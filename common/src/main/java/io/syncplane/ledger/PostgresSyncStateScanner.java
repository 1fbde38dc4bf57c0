package io.syncplane.ledger;

import static io.syncplane.persistence.JdbcTime.timestamp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scanner queries on Postgres. The WHERE clause of each repeats its partial index's predicate verbatim and orders by
 * the index's columns, so the planner walks the index from the keyset position and stops after {@code limit} rows.
 */
public final class PostgresSyncStateScanner implements SyncStateScanner {

    static final String DUE_SQL = "SELECT " + SyncStateRowMapper.COLUMNS + " FROM sync_state"
            + " WHERE status IN ('idle', 'error', 'rate_limited') AND next_sync_at <= :now"
            + " AND (next_sync_at, id) > (:afterAt, :afterId)"
            + " ORDER BY next_sync_at, id LIMIT :limit";

    static final String INTERRUPTED_SQL = "SELECT " + SyncStateRowMapper.COLUMNS + " FROM sync_state"
            + " WHERE status = 'syncing' AND lease_expires_at < :now"
            + " AND (lease_expires_at, id) > (:afterAt, :afterId)"
            + " ORDER BY lease_expires_at, id LIMIT :limit";

    static final String STALE_SQL = "SELECT " + SyncStateRowMapper.COLUMNS + " FROM sync_state"
            + " WHERE status <> 'disabled' AND coalesce(last_successful_sync_at, created_at) < :now"
            + " AND (coalesce(last_successful_sync_at, created_at), id) > (:afterAt, :afterId)"
            + " ORDER BY coalesce(last_successful_sync_at, created_at), id LIMIT :limit";

    private final JdbcClient jdbc;

    public PostgresSyncStateScanner(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ScanPage due(Instant now, ScanPosition after, int limit) {
        return page(DUE_SQL, now, after, limit, SyncState::nextSyncAt);
    }

    @Override
    public ScanPage interrupted(Instant now, ScanPosition after, int limit) {
        return page(INTERRUPTED_SQL, now, after, limit, state -> state.lease().expiresAt());
    }

    @Override
    public ScanPage stale(Instant threshold, ScanPosition after, int limit) {
        return page(STALE_SQL, threshold, after, limit,
                state -> state.lastSuccessfulSyncAt() != null ? state.lastSuccessfulSyncAt() : state.createdAt());
    }

    private ScanPage page(String sql, Instant bound, ScanPosition after, int limit,
                          Function<SyncState, Instant> sortTime) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<SyncState> rows = jdbc.sql(sql)
                .param("now", timestamp(bound))
                .param("afterAt", timestamp(after.at()))
                .param("afterId", after.id())
                .param("limit", limit)
                .query(SyncStateRowMapper.INSTANCE).list();
        Optional<ScanPosition> next = rows.size() < limit ? Optional.empty()
                : Optional.of(new ScanPosition(sortTime.apply(rows.get(rows.size() - 1)), rows.get(rows.size() - 1).id()));
        return new ScanPage(rows, next);
    }
}
