package io.syncplane.writeback;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the outbox's receipts to tell Syncplane's own changes of an item from Google's: an application that sends
 * two changes of one item in a row, both based on the version it read, must not find its first change in conflict
 * with its second.
 */
public final class OwnWrites {

    private final JdbcClient jdbc;

    public OwnWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the item's feed version {@code changeSeq} is the one an applied operation of this source left it at. */
    public boolean wroteVersion(OutboundOperation operation, long changeSeq) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM outbound_operation WHERE connection_id = ? AND source = ? "
                        + "AND item_id = ? AND state = 'applied' AND result_version = ?)")
                .params(operation.connectionId(), operation.source().id(), operation.itemId(), changeSeq)
                .query(Boolean.class).single();
    }
}
