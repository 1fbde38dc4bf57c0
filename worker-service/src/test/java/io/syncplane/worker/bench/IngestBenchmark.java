package io.syncplane.worker.bench;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.calendar.CalendarSyncJob;
import io.syncplane.connector.calendar.CalendarSyncSettings;
import io.syncplane.connector.gmail.GmailSyncJob;
import io.syncplane.connector.gmail.GmailSyncSettings;
import com.google.api.client.json.gson.GsonFactory;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleHttpTransports;
import io.syncplane.google.GoogleProperties;
import java.time.Duration;
import io.syncplane.sync.SyncJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark (not a test): rows per second a full sync of a large mailbox and a large calendar ingests, end to end
 * through the real Google clients and the emulator, against a plain batched INSERT ... ON CONFLICT of the very same
 * rows into a copy of the same tables, measured alternately in the same process. Prints one JSON line.
 */
public final class IngestBenchmark {

    private static final int BATCH = 500;

    public static void main(String[] args) {
        int messages = BenchStats.intProperty("INGEST_MESSAGES", 20_000);
        int events = BenchStats.intProperty("INGEST_EVENTS", 5_000);
        int runs = BenchStats.intProperty("BENCH_RUNS", 3);
        List<Double> ours = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (int run = -1; run < runs; run++) { // run -1 warms the JIT up and is not counted
            try (ConnectorHarness harness = new ConnectorHarness(b -> b.users(1).messagesPerUser(messages)
                    .eventsPerUser(events).contactsPerUser(1).tasksPerUser(1).quotasEnabled(false))) {
                double rate = fullSyncRate(harness);
                double plain = plainInsertRate(harness);
                if (run < 0) {
                    System.err.printf(Locale.ROOT, "warm-up (not counted): %.0f / %.0f rows/s%n", rate, plain);
                    continue;
                }
                ours.add(rate);
                baseline.add(plain);
                System.err.printf(Locale.ROOT, "run %d: full sync %.0f rows/s, plain insert %.0f rows/s%n",
                        run + 1, rate, plain);
            }
        }
        double o = BenchStats.median(ours);
        double b = BenchStats.median(baseline);
        System.out.printf(Locale.ROOT, "{\"bench\":\"ingest\",\"messages\":%d,\"events\":%d,\"runs\":%d,"
                        + "\"full_sync_rows_per_s\":%.0f,\"baseline\":\"batched INSERT ... ON CONFLICT of the same rows "
                        + "(JDBC batches of %d)\",\"baseline_rows_per_s\":%.0f,\"ratio\":%.3f,\"target\":\">= 0.5\"}%n",
                messages, events, runs, o, BATCH, b, o / b);
    }

    private static double fullSyncRate(ConnectorHarness harness) {
        ConnectorHarness.Linked linked = harness.link(1);
        // the production transport (pooled), not the test harness's JDK one
        GoogleClients clients = new GoogleClients(GoogleHttpTransports.pooled(), GsonFactory.getDefaultInstance(),
                harness.tokens, new GoogleProperties(harness.emulator.rootUrl(), harness.emulator.tokenUrl(),
                List.of(), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5)));
        SyncJob gmail = new GmailSyncJob(clients, harness.items, harness.sweep, harness.ledger.clock,
                GmailSyncSettings.defaults().withBatchSize(50).withUnitsPerSecond(1_000_000));
        SyncJob calendar = new CalendarSyncJob(clients, harness.items, harness.sweep, harness.ledger.clock,
                CalendarSyncSettings.defaults().withPageSize(2500));
        long started = System.nanoTime();
        ConnectorHarness.Run mail = harness.sync(gmail, linked.key(Source.GMAIL));
        ConnectorHarness.Run cal = harness.sync(calendar, linked.key(Source.CALENDAR));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!mail.completed() || !cal.completed()) {
            throw new IllegalStateException("full sync did not complete: " + mail.error() + " / " + cal.error());
        }
        long rows = mail.state().itemsLastRun() + cal.state().itemsLastRun();
        return rows / seconds;
    }

    /** Copies the rows the sync wrote, then times inserting them into empty copies of the same tables. */
    private static double plainInsertRate(ConnectorHarness harness) {
        JdbcTemplate jdbc = new JdbcTemplate(harness.ledger.schema.dataSource());
        long rows = 0;
        double seconds = 0;
        for (String table : List.of("gmail_message", "calendar_event")) {
            jdbc.execute("CREATE TABLE plain_" + table + " (LIKE " + table + " INCLUDING ALL)");
            List<String> columns = jdbc.queryForList("SELECT column_name FROM information_schema.columns "
                    + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                    String.class, table);
            List<String> keys = table.equals("gmail_message") ? List.of("connection_id", "message_id")
                    : List.of("connection_id", "calendar_id", "event_id");
            List<Object[]> data = jdbc.query("SELECT " + String.join(", ", columns) + " FROM " + table,
                    (rs, n) -> {
                        Object[] row = new Object[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        return row;
                    });
            String insert = "INSERT INTO plain_" + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ") ON CONFLICT ("
                    + String.join(", ", keys) + ") DO UPDATE SET raw = EXCLUDED.raw, updated_at = EXCLUDED.updated_at";
            long started = System.nanoTime();
            for (int from = 0; from < data.size(); from += BATCH) {
                jdbc.batchUpdate(insert, data.subList(from, Math.min(data.size(), from + BATCH)));
            }
            seconds += (System.nanoTime() - started) / 1e9;
            rows += data.size();
        }
        return rows / seconds;
    }
}
