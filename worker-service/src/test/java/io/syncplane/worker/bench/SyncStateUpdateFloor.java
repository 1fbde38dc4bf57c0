package io.syncplane.worker.bench;

import io.syncplane.testing.PostgresSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical floor of an idle sync in Postgres: pgbench at the workers' concurrency running one single-row UPDATE
 * per transaction on a copy of the benchmark's own sync_state (same columns, constraints and partial indexes, same
 * rows), changing the columns a completion changes so it pays the same index upkeep. Prepared statements and
 * autocommit: one round trip and one WAL flush per transaction, which no sync can beat.
 */
final class SyncStateUpdateFloor {

    static final String TABLE = "floor_sync_state";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private final PostgresSchema schema;
    private final Path script;
    private final int clients;
    private final long rows;

    private SyncStateUpdateFloor(PostgresSchema schema, Path script, int clients, long rows) {
        this.schema = schema;
        this.script = script;
        this.clients = clients;
        this.rows = rows;
    }

    /** Copies {@code sync_state} of {@code schema} (call once it has its rows) and writes the pgbench script. */
    static SyncStateUpdateFloor prepare(PostgresSchema schema, int clients) throws SQLException, IOException {
        long min;
        long max;
        long rows;
        try (Connection connection = schema.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("CREATE TABLE " + TABLE + " (LIKE sync_state INCLUDING ALL)");
            statement.execute("INSERT INTO " + TABLE + " OVERRIDING SYSTEM VALUE SELECT * FROM sync_state");
            statement.execute("ANALYZE " + TABLE);
            try (ResultSet rs = statement.executeQuery("SELECT min(id), max(id), count(*) FROM " + TABLE)) {
                rs.next();
                min = rs.getLong(1);
                max = rs.getLong(2);
                rows = rs.getLong(3);
            }
        }
        Path script = Files.createTempFile("idle-sync-floor", ".sql");
        script.toFile().deleteOnExit();
        Files.writeString(script, "\\set id random(" + min + ", " + max + ")\n"
                + "UPDATE " + schema.name() + "." + TABLE + " SET status = 'idle', "
                + "next_sync_at = now() + interval '5 minutes', last_successful_sync_at = now(), "
                + "consecutive_errors = 0, current_run_id = NULL, lease_owner = NULL, lease_expires_at = NULL, "
                + "updated_at = now(), version = version + 1 WHERE id = :id;\n");
        return new SyncStateUpdateFloor(schema, script, clients, rows);
    }

    long rows() {
        return rows;
    }

    int clients() {
        return clients;
    }

    String describe(int seconds) {
        return "pgbench -n -M prepared -c " + clients + " -j 2 -T " + seconds + " -f <one single-row UPDATE of "
                + TABLE + ": a copy of sync_state, " + rows + " rows, same indexes>";
    }

    double tps(int seconds) throws IOException, InterruptedException {
        URI uri = URI.create(schema.jdbcUrl().substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", uri.getHost(), "-p",
                String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()), "-U", schema.user(), "-n", "-M", "prepared",
                "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds), "-f", script.toString(),
                database));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (schema.password() != null && !schema.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", schema.password());
        }
        String out = "";
        // The Postgres is shared (max_connections 100) with other people's tests and benchmarks: when its
        // connections run out for a moment, pgbench cannot start its 16 clients, which says nothing about tps.
        for (int attempt = 1; ; attempt++) {
            Process process = builder.start();
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() == 0) {
                break;
            }
            if (!out.contains("too many clients") || attempt == 10) {
                throw new IOException("pgbench failed: " + out);
            }
            System.err.println("pgbench: Postgres has no connection slots left; trying again in 2 s");
            Thread.sleep(2000);
        }
        Matcher matcher = TPS.matcher(out);
        if (!matcher.find()) {
            throw new IOException("pgbench printed no tps: " + out);
        }
        return Double.parseDouble(matcher.group(1));
    }
}
