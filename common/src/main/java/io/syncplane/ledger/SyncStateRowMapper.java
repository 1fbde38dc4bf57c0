package io.syncplane.ledger;

import static io.syncplane.persistence.JdbcTime.instant;
import static io.syncplane.persistence.JdbcTime.nullableLong;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;

/** Reads a sync_state row selected with {@link #COLUMNS}. */
final class SyncStateRowMapper implements RowMapper<SyncState> {

    static final String COLUMNS = "id, connection_id, user_id, source, status, sync_cursor, next_sync_at, "
            + "last_sync_at, last_successful_sync_at, consecutive_errors, last_error, last_error_at, "
            + "rate_limited_until, items_last_run, items_total, checkpoint_phase, checkpoint_page_token, "
            + "checkpoint_pending_cursor, checkpoint_items_added, checkpoint_items_updated, checkpoint_items_deleted, "
            + "checkpoint_items_examined, checkpoint_items_estimated, checkpoint_generation, checkpoint_skipped_count, "
            + "checkpoint_skipped_ids, checkpoint_skipped_reasons, checkpoint_at, current_run_id, lease_owner, "
            + "lease_expires_at, force_full_sync, outbox_pending_since, created_at, "
            + "updated_at, version";

    static final SyncStateRowMapper INSTANCE = new SyncStateRowMapper();

    @Override
    public SyncState mapRow(ResultSet rs, int rowNum) throws SQLException {
        String leaseOwner = rs.getString("lease_owner");
        return new SyncState(
                rs.getLong("id"),
                new SyncKey(rs.getLong("connection_id"), Source.require(rs.getString("source"))),
                rs.getLong("user_id"),
                SyncStatus.fromId(rs.getString("status")),
                rs.getString("sync_cursor"),
                instant(rs, "next_sync_at"),
                instant(rs, "last_sync_at"),
                instant(rs, "last_successful_sync_at"),
                rs.getInt("consecutive_errors"),
                rs.getString("last_error"),
                instant(rs, "last_error_at"),
                instant(rs, "rate_limited_until"),
                rs.getLong("items_last_run"),
                rs.getLong("items_total"),
                checkpoint(rs),
                nullableLong(rs, "current_run_id"),
                leaseOwner == null ? null : new SyncLease(leaseOwner, instant(rs, "lease_expires_at")),
                rs.getBoolean("force_full_sync"),
                instant(rs, "outbox_pending_since"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    private static SyncCheckpoint checkpoint(ResultSet rs) throws SQLException {
        String phase = rs.getString("checkpoint_phase");
        if (phase == null) {
            return null;
        }
        SyncCounts counts = new SyncCounts(rs.getLong("checkpoint_items_added"),
                rs.getLong("checkpoint_items_updated"), rs.getLong("checkpoint_items_deleted"));
        return new SyncCheckpoint(phase, rs.getString("checkpoint_page_token"),
                rs.getString("checkpoint_pending_cursor"), counts, rs.getLong("checkpoint_items_examined"),
                nullableLong(rs, "checkpoint_items_estimated"), nullableLong(rs, "checkpoint_generation"), skipped(rs),
                instant(rs, "checkpoint_at"));
    }

    /** Checkpoints written before the skipped items were kept have none recorded. */
    private static SkippedSoFar skipped(ResultSet rs) throws SQLException {
        long count = rs.getLong("checkpoint_skipped_count");
        if (count == 0) {
            return SkippedSoFar.NONE;
        }
        String[] ids = strings(rs.getArray("checkpoint_skipped_ids"));
        String[] reasons = strings(rs.getArray("checkpoint_skipped_reasons"));
        List<SkippedSoFar.Item> first = new ArrayList<>(reasons.length);
        for (int i = 0; i < reasons.length; i++) {
            first.add(new SkippedSoFar.Item(i < ids.length ? ids[i] : null, reasons[i]));
        }
        return new SkippedSoFar(count, first);
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
