package io.syncplane.connector.calendar;

import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.admin.GroundTruth;
import io.syncplane.persistence.PostgresLedger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a connection's copy of its calendars back from Postgres, shaped for comparing with the truth. */
final class StoredEvents {

    /** The fields a copy must agree on with Calendar. */
    record Row(String calendarId, String id, String status, String summary, Instant start, Instant end,
               boolean allDay) {
    }

    private final PostgresLedger ledger;

    StoredEvents(PostgresLedger ledger) {
        this.ledger = ledger;
    }

    /** Live rows of every calendar, by event id (the emulator's event ids are unique across calendars). */
    Map<String, Row> live(long connectionId) {
        return ledger.jdbc.sql("SELECT calendar_id, event_id, status, summary, start_at, end_at, all_day "
                        + "FROM calendar_event WHERE connection_id = ? AND deleted_at IS NULL")
                .param(connectionId)
                .query((rs, n) -> new Row(rs.getString("calendar_id"), rs.getString("event_id"),
                        rs.getString("status"), rs.getString("summary"), instant(rs, "start_at"),
                        instant(rs, "end_at"), rs.getBoolean("all_day")))
                .list().stream().collect(Collectors.toMap(Row::id, Function.identity()));
    }

    /** Live rows per calendar id. */
    Map<String, Long> liveByCalendar(long connectionId) {
        return ledger.jdbc.sql("SELECT calendar_id, count(*) FROM calendar_event WHERE connection_id = ? "
                        + "AND deleted_at IS NULL GROUP BY calendar_id").param(connectionId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    Set<String> tombstoned(long connectionId) {
        return new TreeSet<>(ledger.jdbc.sql("SELECT event_id FROM calendar_event WHERE connection_id = ? "
                + "AND deleted_at IS NOT NULL").param(connectionId).query(String.class).list());
    }

    /** The change sequence of every row, live or not: a row rewritten gets a new one. */
    Map<String, Long> changeSeqs(long connectionId) {
        return ledger.jdbc.sql("SELECT event_id, change_seq FROM calendar_event WHERE connection_id = ?")
                .param(connectionId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** One column of one row, live or not; null when the column is. */
    String column(long connectionId, String eventId, String column) {
        List<String> values = ledger.jdbc.sql("SELECT " + column + "::text FROM calendar_event "
                + "WHERE connection_id = ? AND event_id = ?").params(connectionId, eventId)
                .query((rs, n) -> rs.getString(1)).list();
        if (values.size() != 1) {
            throw new IllegalStateException(values.size() + " rows for event " + eventId);
        }
        return values.get(0);
    }

    /** What the copy must hold: every event a full listing of each readable calendar returns. */
    static Map<String, Row> expected(GroundTruth truth) {
        return truth.eventsByCalendar().entrySet().stream()
                .flatMap(calendar -> calendar.getValue().stream().map(event -> row(calendar.getKey(), event)))
                .collect(Collectors.toMap(Row::id, Function.identity()));
    }

    static Row row(String calendarId, CalendarEvent event) {
        if (event.cancelled()) {
            // Calendar sends a cancelled occurrence with its id, series and original start only
            return new Row(calendarId, event.id(), "cancelled", null, null, null, false);
        }
        return new Row(calendarId, event.id(), event.status(), event.summary(), event.start().instant(),
                event.end().instant(), event.start().date() != null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
