package io.syncplane.worker.bench;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Events;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.calendar.CalendarSyncJob;
import io.syncplane.connector.calendar.CalendarSyncSettings;
import io.syncplane.connector.gmail.GmailSyncJob;
import io.syncplane.connector.gmail.GmailSyncSettings;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleHttpTransports;
import io.syncplane.google.GoogleProperties;
import io.syncplane.sync.SyncJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark (not a test): rows per second a full sync of a large mailbox and a large calendar ingests, end to end
 * through the real Google clients and the emulator, against the limit of this machine for a sync that has to fetch
 * and store on the same cores: 1 / (1/fetch + 1/store), where fetch is the same list and batch requests through the
 * same client with the results discarded, and store is a plain batched INSERT ... ON CONFLICT of the very same rows
 * into empty copies of the same tables. All three are measured in each round, fetch-only and ours alternating which
 * goes first. Prints one JSON line.
 *
 * <p>The clients are built without the per-user request permits (io.syncplane.limits): those are a policy on what
 * Google sees (1 request/s per user by default), not the pipeline's speed, and would make every figure the permit rate.
 */
public final class IngestBenchmark {

    private static final int BATCH = 500;
    private static final int GMAIL_PAGE = 500;
    private static final int GMAIL_BATCH = 50;
    private static final int CALENDAR_PAGE = 2500;

    public static void main(String[] args) throws Exception {
        int messages = BenchStats.intProperty("INGEST_MESSAGES", 20_000);
        int events = BenchStats.intProperty("INGEST_EVENTS", 5_000);
        int runs = BenchStats.intProperty("BENCH_RUNS", 3);
        String loadBefore = load();
        List<Double> ours = new ArrayList<>();
        List<Double> fetch = new ArrayList<>();
        List<Double> store = new ArrayList<>();
        List<Double> oursWal = new ArrayList<>();
        List<Double> storeWal = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int run = -1; run < runs; run++) { // run -1 warms the JIT up and is not counted
            try (ConnectorHarness harness = new ConnectorHarness(b -> b.users(1).messagesPerUser(messages)
                    .eventsPerUser(events).contactsPerUser(1).tasksPerUser(1).quotasEnabled(false))) {
                GoogleClients clients = productionClients(harness);
                ConnectorHarness.Linked linked = harness.link(1);
                JdbcTemplate jdbc = new JdbcTemplate(harness.ledger.schema.dataSource());
                boolean fetchFirst = run % 2 == 0;
                Rate fetched = fetchFirst ? fetchOnly(clients, linked) : null;
                Rate synced = fullSync(harness, clients, linked, jdbc);
                if (!fetchFirst) {
                    fetched = fetchOnly(clients, linked);
                }
                Rate stored = plainInsert(jdbc);
                if (run < 0) {
                    System.err.printf(Locale.ROOT, "warm-up (not counted): ours %.0f, fetch %.0f, store %.0f rows/s%n",
                            synced.perSecond(), fetched.perSecond(), stored.perSecond());
                    continue;
                }
                ours.add(synced.perSecond());
                fetch.add(fetched.perSecond());
                store.add(stored.perSecond());
                oursWal.add(synced.walPerRow());
                storeWal.add(stored.walPerRow());
                ratios.add(synced.perSecond() / limit(fetched.perSecond(), stored.perSecond()));
                System.err.printf(Locale.ROOT, "run %d: ours %.0f rows/s (%.0f WAL bytes/row), fetch-only %.0f, "
                                + "store-only %.0f rows/s (%.0f WAL bytes/row), ours/limit %.2f%n", run + 1,
                        synced.perSecond(), synced.walPerRow(), fetched.perSecond(), stored.perSecond(),
                        stored.walPerRow(), synced.perSecond() / limit(fetched.perSecond(), stored.perSecond()));
            }
        }
        double o = BenchStats.median(ours);
        double f = BenchStats.median(fetch);
        double s = BenchStats.median(store);
        double limit = limit(f, s);
        System.out.printf(Locale.ROOT, "{\"bench\":\"ingest\",\"messages\":%d,\"events\":%d,\"runs\":%d,"
                        + "\"full_sync_rows_per_s\":%.0f,\"fetch_only_rows_per_s\":%.0f,\"store_only_rows_per_s\":%.0f,"
                        + "\"limit_rows_per_s\":%.0f,\"limit\":\"1 / (1/fetch_only + 1/store_only)\","
                        + "\"ratio\":%.3f,\"ratio_means\":\"full sync over the limit (medians)\",\"target\":\">= 0.8\","
                        + "\"target_met\":%b,\"ratio_median_of_rounds\":%.3f,\"ratio_vs_store_only\":%.3f,"
                        + "\"wal_bytes_per_row\":%.0f,\"store_only_wal_bytes_per_row\":%.0f,"
                        + "\"baseline\":\"fetch-only: same list and batch requests, same client and transport, "
                        + "results discarded; store-only: INSERT ... ON CONFLICT of the same rows (JDBC batches of %d)\","
                        + "\"request_permits\":\"off (a policy, not pipeline speed)\","
                        + "\"runs_full_sync\":%s,\"runs_fetch_only\":%s,\"runs_store_only\":%s,\"runs_ratio\":%s,"
                        + "\"load_before\":\"%s\",\"load_after\":\"%s\"}%n",
                messages, events, runs, o, f, s, limit, o / limit, o / limit >= 0.8, BenchStats.median(ratios), o / s,
                BenchStats.median(oursWal), BenchStats.median(storeWal), BATCH, rounded(ours), rounded(fetch),
                rounded(store), ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(), loadBefore, load());
    }

    /** What one measured part did: rows, seconds, and the WAL Postgres wrote meanwhile (cluster-wide, so noisy). */
    private record Rate(long rows, double seconds, long walBytes) {
        double perSecond() {
            return rows / seconds;
        }

        double walPerRow() {
            return (double) walBytes / rows;
        }
    }

    private static double limit(double fetch, double store) {
        return 1 / (1 / fetch + 1 / store);
    }

    /** The production transport (pooled), not the test harness's JDK one, and no request permits. */
    private static GoogleClients productionClients(ConnectorHarness harness) {
        return new GoogleClients(GoogleHttpTransports.pooled(), GsonFactory.getDefaultInstance(),
                harness.tokens, new GoogleProperties(harness.emulator.rootUrl(), harness.emulator.tokenUrl(),
                List.of(), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5)));
    }

    private static Rate fullSync(ConnectorHarness harness, GoogleClients clients, ConnectorHarness.Linked linked,
                                 JdbcTemplate jdbc) {
        SyncJob gmail = new GmailSyncJob(clients, harness.items, harness.sweep, harness.ledger.clock,
                GmailSyncSettings.defaults().withPageSize(GMAIL_PAGE).withBatchSize(GMAIL_BATCH)
                        .withUnitsPerSecond(1_000_000));
        SyncJob calendar = new CalendarSyncJob(clients, harness.items, harness.sweep, harness.ledger.clock,
                CalendarSyncSettings.defaults().withPageSize(CALENDAR_PAGE));
        String wal = walPosition(jdbc);
        long started = System.nanoTime();
        ConnectorHarness.Run mail = harness.sync(gmail, linked.key(Source.GMAIL));
        ConnectorHarness.Run cal = harness.sync(calendar, linked.key(Source.CALENDAR));
        double seconds = (System.nanoTime() - started) / 1e9;
        long walBytes = walSince(jdbc, wal);
        if (!mail.completed() || !cal.completed()) {
            throw new IllegalStateException("full sync did not complete: " + mail.error() + " / " + cal.error());
        }
        return new Rate(mail.state().itemsLastRun() + cal.state().itemsLastRun(), seconds, walBytes);
    }

    /**
     * The requests a full sync sends, as it sends them (list pages one after the other, each page's metadata in
     * batches of {@value #GMAIL_BATCH} with as many in flight as the connector keeps), the answers parsed by the
     * client and then dropped.
     */
    private static Rate fetchOnly(GoogleClients clients, ConnectorHarness.Linked linked) throws Exception {
        Gmail gmail = clients.gmail(linked.connectionId());
        Calendar calendar = clients.calendar(linked.connectionId());
        int parallelism = GmailSyncSettings.defaults().fetchParallelism();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            long started = System.nanoTime();
            AtomicLong rows = new AtomicLong();
            gmail.users().getProfile("me").execute();
            String pageToken = null;
            do {
                ListMessagesResponse page = gmail.users().messages().list("me").setMaxResults((long) GMAIL_PAGE)
                        .setIncludeSpamTrash(true).setPageToken(pageToken).execute();
                List<String> ids = page.getMessages() == null ? List.of()
                        : page.getMessages().stream().map(Message::getId).toList();
                List<Future<?>> batches = new ArrayList<>();
                for (int from = 0; from < ids.size(); from += GMAIL_BATCH) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + GMAIL_BATCH));
                    batches.add(pool.submit(() -> {
                        metadataBatch(gmail, chunk, rows);
                        return null;
                    }));
                }
                for (Future<?> batch : batches) {
                    batch.get();
                }
                pageToken = page.getNextPageToken();
            } while (pageToken != null);
            CalendarList list = calendar.calendarList().list().setMinAccessRole("reader").setShowHidden(true)
                    .setMaxResults(250).execute();
            for (CalendarListEntry entry : list.getItems()) {
                String eventsToken = null;
                do {
                    Events page = calendar.events().list(entry.getId()).setMaxResults(CALENDAR_PAGE)
                            .setShowDeleted(false).setSingleEvents(false).setPageToken(eventsToken).execute();
                    rows.addAndGet(page.getItems() == null ? 0 : page.getItems().size());
                    eventsToken = page.getNextPageToken();
                } while (eventsToken != null);
            }
            return new Rate(rows.get(), (System.nanoTime() - started) / 1e9, 0);
        } catch (ExecutionException e) {
            throw new IllegalStateException("fetch-only failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void metadataBatch(Gmail gmail, List<String> ids, AtomicLong rows) throws IOException {
        BatchRequest batch = gmail.batch();
        JsonBatchCallback<Message> counted = new JsonBatchCallback<>() {
            @Override
            public void onSuccess(Message message, HttpHeaders headers) {
                rows.incrementAndGet();
            }

            @Override
            public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                throw new IllegalStateException("batched messages.get failed: " + error.getMessage());
            }
        };
        for (String id : ids) {
            gmail.users().messages().get("me", id).setFormat("metadata")
                    .setMetadataHeaders(List.of("From", "To", "Subject", "Date")).queue(batch, counted);
        }
        batch.execute();
    }

    /** Copies the rows the sync wrote, then times inserting them into empty copies of the same tables. */
    private static Rate plainInsert(JdbcTemplate jdbc) {
        long rows = 0;
        double seconds = 0;
        long walBytes = 0;
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
            String wal = walPosition(jdbc);
            long started = System.nanoTime();
            for (int from = 0; from < data.size(); from += BATCH) {
                jdbc.batchUpdate(insert, data.subList(from, Math.min(data.size(), from + BATCH)));
            }
            seconds += (System.nanoTime() - started) / 1e9;
            walBytes += walSince(jdbc, wal);
            rows += data.size();
        }
        return new Rate(rows, seconds, walBytes);
    }

    private static String walPosition(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT pg_current_wal_lsn()::text", String.class);
    }

    private static long walSince(JdbcTemplate jdbc, String start) {
        Long bytes = jdbc.queryForObject("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint",
                Long.class, start);
        return bytes == null ? 0 : bytes;
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }
}
