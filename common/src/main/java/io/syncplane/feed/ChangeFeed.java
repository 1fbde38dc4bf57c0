package io.syncplane.feed;

import io.syncplane.domain.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the change feed: the rows of the four synced tables in commit order, tombstones included, from a cursor.
 *
 * <h2>Why it never skips a committed change</h2>
 * A feed ordered by a sequence alone loses rows: transaction A takes change_seq 10, B takes 11 and commits, a reader
 * returns 11 and moves its cursor past it, then A commits 10 below the cursor. So every write records the
 * transaction it ran in ({@code change_xid = pg_current_xact_id()}, an {@code xid8}) next to its change_seq, rows are
 * ordered by (change_xid, change_seq), and a read returns only rows with {@code change_xid < xmin}, where xmin is
 * {@code pg_snapshot_xmin(pg_current_snapshot())} of the read's own statement: the oldest transaction still running
 * anywhere in the cluster. Every transaction below xmin has committed or aborted, and the snapshot was taken after
 * they finished, so it sees all of their rows. Nothing can ever be written below xmin again: a new write belongs to a
 * transaction that is running now or starts later, whose xid is at least xmin. The cursor handed out is never above
 * xmin, so every future write lands above every cursor: a reader can never jump over a committed row.
 *
 * <p>Updates: a row has one position, that of its latest write. Updating a row moves it to the updating
 * transaction's position, which is above every cursor issued so far (by the argument above; note that the updater's
 * xid may be lower than the previous writer's, but the updater was still running when those cursors were issued, so
 * they all sit below it). A consumer therefore sees a row's latest state, once more each time it changed since the
 * consumer last saw it; intermediate states it had not read yet are folded into the latest. Deletes are tombstones
 * (op = delete) and move the row the same way, so they are never skipped either — until they are pruned: pruning
 * raises the feed's horizon to the highest position it deleted, and a cursor below the horizon gets
 * {@link ResyncRequiredException} ({@link ResyncRequiredException.Reason#EXPIRED}) instead of silently missing them.
 *
 * <h2>What it costs</h2>
 * Each read is one statement: per (connection, table) — per table for the everything scope — an index range scan on
 * ({connection_id,} change_xid, change_seq) that stops after limit + 1 rows, merged and cut to the limit. Its cost
 * depends on the scope and the page size, not on the table size; an empty poll is a handful of index probes.
 *
 * <p>The price of the watermark is latency, not correctness: a change becomes visible only once every transaction
 * that started before it committed has finished — anywhere in the Postgres cluster, other databases included, for
 * transactions that have an xid (that wrote something; read-only transactions do not hold xmin back). A sync page
 * transaction holds it back for its duration (milliseconds to a few seconds); a forgotten open write transaction or a
 * prepared transaction stalls the whole feed until it ends. Watch {@code age(backend_xid)} in pg_stat_activity.
 *
 * <h2>Using it</h2>
 * Runs in the caller's transaction (any isolation level) through {@link JdbcClient}: no session state, no temporary
 * tables, no writes, nothing but SELECT on the four tables and {@code change_feed_state}, so it works as a restricted
 * role under row-level security. A cursor belongs to the scope and sources it was read with. An empty or short page
 * advances the cursor to the watermark; this is only right if the read saw every row of the scope — a caller that
 * filters rows away by other means (a misconfigured RLS identity that hides the user's own rows) would move its
 * consumer past rows it never saw.
 */
public final class ChangeFeed {

    public static final int MAX_LIMIT = 10_000;

    private final JdbcClient jdbc;
    private final ChangeRowMapper rows;

    public ChangeFeed(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.rows = new ChangeRowMapper(json);
    }

    /**
     * @param since   where the consumer stands; empty reads from the beginning (a fresh consumer: the current state
     *                of every row, tombstones included)
     * @param sources which sources to return; empty means all
     * @param limit   at most this many changes, 1 to {@link #MAX_LIMIT}
     * @throws ResyncRequiredException when {@code since} is from another database or older than the retained
     *                                 tombstones
     */
    public ChangePage read(FeedScope scope, Optional<FeedCursor> since, Set<Source> sources, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
        FeedPosition after = since.map(FeedCursor::position).orElse(FeedPosition.START);
        FeedQuery query = FeedQuery.of(scope, sources, after, limit);
        List<Change> changes = new ArrayList<>(limit + 1);
        State[] state = new State[1];
        jdbc.sql(query.sql()).params(query.params()).query(rs -> {
            if (state[0] == null) {
                state[0] = new State(rs.getObject("database_id", UUID.class),
                        new FeedPosition(Long.parseLong(rs.getString("horizon_xid")), rs.getLong("horizon_seq")),
                        Long.parseLong(rs.getString("xmin_xid")));
            }
            if (query.hasRows() && rs.getString("source") != null) {
                changes.add(rows.map(rs));
            }
        });
        if (state[0] == null) {
            throw new IllegalStateException("change_feed_state has no row: is the schema migrated (007)?");
        }
        since.ifPresent(cursor -> check(cursor, state[0]));
        boolean hasMore = changes.size() > limit;
        if (hasMore) {
            changes.remove(limit);
        }
        FeedPosition next;
        if (hasMore) {
            next = changes.get(changes.size() - 1).position();
        } else if (query.hasRows()) {
            // everything of the scope below the watermark was returned: continue from the watermark
            next = FeedPosition.max(after, FeedPosition.before(state[0].xmin()));
        } else {
            next = after; // nothing was read (no connections): no grounds to move the consumer
        }
        return new ChangePage(changes, new FeedCursor(state[0].databaseId(), next), hasMore);
    }

    /** The id that cursors of this database carry. */
    public UUID databaseId() {
        return jdbc.sql("SELECT database_id FROM change_feed_state").query(UUID.class).single();
    }

    // Checked after the rows were read, in the same statement's snapshot: a prune that committed before it is seen.
    private static void check(FeedCursor cursor, State state) {
        if (!cursor.databaseId().equals(state.databaseId())) {
            throw new ResyncRequiredException(ResyncRequiredException.Reason.OTHER_DATABASE,
                    "the change feed cursor was issued by another database");
        }
        if (cursor.position().xid() > state.xmin()) {
            // cursors never pass the watermark: this one comes from a different history (a restore, a rebuild)
            throw new ResyncRequiredException(ResyncRequiredException.Reason.OTHER_DATABASE,
                    "the change feed cursor is ahead of this database's transactions");
        }
        if (cursor.position().isBefore(state.horizon())) {
            throw new ResyncRequiredException(ResyncRequiredException.Reason.EXPIRED,
                    "the change feed cursor is older than the retained deletes");
        }
    }

    private record State(UUID databaseId, FeedPosition horizon, long xmin) {
    }
}
