package io.syncplane.api.status;

import io.syncplane.api.status.StatusViews.ConflictLine;
import io.syncplane.api.status.StatusViews.Writes;
import io.syncplane.persistence.JdbcTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The status page's write-back lines: what is waiting, what failed and which conflicts were decided lately. Runs in
 * the caller's transaction, so row-level security keeps a user key to its own operations.
 */
final class WriteSummaries {

    static final Duration WINDOW = Duration.ofHours(24);
    private static final int RECENT = 5;

    private final JdbcClient jdbc;

    WriteSummaries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Writes ofUser(long userId, Instant now) {
        return summary("user_id = ? AND ", List.of(userId), now);
    }

    Writes ofEveryone(Instant now) {
        return summary("", List.of(), now);
    }

    private Writes summary(String scope, List<Object> scopeParams, Instant now) {
        List<Object> params = new ArrayList<>(scopeParams);
        params.add(JdbcTime.timestamp(now.minus(WINDOW)));
        long[] counts = new long[2];
        // failed rows outside the window are already left out by the WHERE
        jdbc.sql("SELECT count(*) FILTER (WHERE state IN ('pending', 'sending')) AS waiting, "
                        + "count(*) FILTER (WHERE state = 'failed') AS failed "
                        + "FROM outbound_operation WHERE " + scope + "(state IN ('pending', 'sending') "
                        + "OR (state = 'failed' AND finished_at >= ?))")
                .params(params)
                .query(rs -> {
                    counts[0] = rs.getLong("waiting");
                    counts[1] = rs.getLong("failed");
                });
        long conflicts = jdbc.sql("SELECT count(*) FROM write_conflict WHERE " + scope + "detected_at >= ?")
                .params(params).query(Long.class).single();
        List<ConflictLine> recent = jdbc.sql("SELECT id, user_id, connection_id, source, item_id, decision, reason, "
                        + "detected_at FROM write_conflict WHERE " + scope + "detected_at >= ? ORDER BY id DESC LIMIT "
                        + RECENT)
                .params(params)
                .query((rs, n) -> new ConflictLine(rs.getLong("id"), rs.getLong("user_id"),
                        rs.getLong("connection_id"), rs.getString("source"), rs.getString("item_id"),
                        rs.getString("decision"), rs.getString("reason"), JdbcTime.instant(rs, "detected_at")))
                .list();
        return new Writes(counts[0], counts[1], conflicts, (int) WINDOW.toHours(), recent);
    }
}
