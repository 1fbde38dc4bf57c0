package io.syncplane.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.StringJoiner;

/**
 * The demo's live line, every few seconds: rows in the synced copy and where each sync stands. In Java over JDBC
 * because a machine with only a JDK has no psql.
 */
final class DemoStatus {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String COUNTS = "SELECT (SELECT count(*) FROM gmail_message WHERE deleted_at IS NULL),"
            + " (SELECT count(*) FROM calendar_event WHERE deleted_at IS NULL),"
            + " (SELECT count(*) FROM contact WHERE deleted_at IS NULL),"
            + " (SELECT count(*) FROM task WHERE deleted_at IS NULL), (SELECT count(*) FROM sync_run)";
    private static final String STATES = "SELECT status, count(*) FROM sync_state GROUP BY status ORDER BY status";
    private static final String THROTTLED = "SELECT source, count(*) FROM sync_state WHERE status = 'rate_limited'"
            + " GROUP BY source ORDER BY source";

    private DemoStatus() {
    }

    static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            throw new IllegalArgumentException("status JDBC_URL [interval-seconds]");
        }
        String url = args[0];
        long intervalMillis = (args.length > 1 ? Long.parseLong(args[1]) : 5) * 1000;
        while (!Thread.currentThread().isInterrupted()) {
            System.out.println(LocalTime.now(ZoneOffset.UTC).format(TIME) + "  " + line(url));
            Thread.sleep(intervalMillis);
        }
    }

    private static String line(String url) {
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
             Statement statement = connection.createStatement()) {
            String counts;
            try (ResultSet rows = statement.executeQuery(COUNTS)) {
                rows.next();
                counts = "messages " + rows.getLong(1) + "  events " + rows.getLong(2) + "  contacts "
                        + rows.getLong(3) + "  tasks " + rows.getLong(4) + "  | runs " + rows.getLong(5);
            }
            StringJoiner states = new StringJoiner(" ", " | syncs: ", "");
            try (ResultSet rows = statement.executeQuery(STATES)) {
                while (rows.next()) {
                    states.add(rows.getString(1) + "=" + rows.getLong(2));
                }
            }
            StringJoiner throttled = new StringJoiner(", ", "  (rate_limited: ", " over the emulator's per-user"
                    + " quota, as Google would answer; each retries by itself when its quota window reopens)");
            throttled.setEmptyValue("");
            try (ResultSet rows = statement.executeQuery(THROTTLED)) {
                while (rows.next()) {
                    throttled.add(rows.getString(1) + " " + rows.getLong(2));
                }
            }
            return counts + states + throttled;
        } catch (SQLException e) {
            return "(database not ready: " + e.getMessage() + ")";
        }
    }
}
