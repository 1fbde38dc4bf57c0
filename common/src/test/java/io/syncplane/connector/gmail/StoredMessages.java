package io.syncplane.connector.gmail;

import io.syncplane.emulator.admin.GroundTruth;
import io.syncplane.emulator.admin.MessageView;
import io.syncplane.persistence.PostgresLedger;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a connection's copy of its mailbox back from Postgres, in the shape tests compare with the ground truth. */
final class StoredMessages {

    /** The fields a copy must agree on with Gmail; labels as a set, since their order means nothing. */
    record Row(String id, String threadId, Set<String> labels, String subject, String from, Instant internalDate) {
    }

    private final PostgresLedger ledger;

    StoredMessages(PostgresLedger ledger) {
        this.ledger = ledger;
    }

    /** Live (not tombstoned) rows, by id. */
    Map<String, Row> live(long connectionId) {
        return ledger.jdbc.sql("SELECT message_id, thread_id, label_ids, subject, from_header, internal_date "
                        + "FROM gmail_message WHERE connection_id = ? AND deleted_at IS NULL")
                .param(connectionId)
                .query((rs, n) -> new Row(rs.getString("message_id"), rs.getString("thread_id"),
                        labels(rs.getArray("label_ids")), rs.getString("subject"), rs.getString("from_header"),
                        rs.getTimestamp("internal_date").toInstant()))
                .list().stream().collect(Collectors.toMap(Row::id, Function.identity()));
    }

    Set<String> tombstoned(long connectionId) {
        return new TreeSet<>(ledger.jdbc.sql("SELECT message_id FROM gmail_message WHERE connection_id = ? "
                + "AND deleted_at IS NOT NULL").param(connectionId).query(String.class).list());
    }

    /** The change sequence of every row, live or not: a row rewritten gets a new one. */
    Map<String, Long> changeSeqs(long connectionId) {
        return ledger.jdbc.sql("SELECT message_id, change_seq FROM gmail_message WHERE connection_id = ?")
                .param(connectionId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    String raw(long connectionId, String messageId) {
        return ledger.jdbc.sql("SELECT raw::text FROM gmail_message WHERE connection_id = ? AND message_id = ?")
                .params(connectionId, messageId).query(String.class).single();
    }

    static Map<String, Row> expected(GroundTruth truth) {
        return truth.messages().stream().map(StoredMessages::row)
                .sorted(Comparator.comparing(Row::id))
                .collect(Collectors.toMap(Row::id, Function.identity()));
    }

    static Row row(MessageView view) {
        return new Row(view.id(), view.threadId(), new TreeSet<>(view.labelIds()), view.subject(), view.from(),
                view.internalDate());
    }

    private static Set<String> labels(Array array) throws SQLException {
        return new TreeSet<>(Arrays.asList((String[]) array.getArray()));
    }

    static List<String> ids(GroundTruth truth) {
        return truth.messages().stream().map(MessageView::id).toList();
    }
}
