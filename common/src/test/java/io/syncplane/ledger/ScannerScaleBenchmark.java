package io.syncplane.ledger;

import io.syncplane.persistence.JdbcTime;
import io.syncplane.persistence.LedgerTableFiller;
import io.syncplane.persistence.PostgresLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Benchmark (not a test): scanner cost on a large table against the same scan on a small one holding the same number
 * of matching rows. Run by {@code bench/scripts/scanner}; prints one JSON line and writes the EXPLAIN ANALYZE plans
 * to the file named by the first argument.
 */
public final class ScannerScaleBenchmark {

    private static final int MATCHING = 1_000;
    private static final int PAGE = 500;
    private static final int ROUNDS = 7;

    public static void main(String[] args) throws IOException {
        Path plansFile = Path.of(args.length > 0 ? args[0] : "target/scanner-plans.txt");
        int largeRows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int smallRows = 10_000;
        String result;
        try (PostgresLedger small = PostgresLedger.create(); PostgresLedger large = PostgresLedger.create()) {
            fill(small, smallRows);
            fill(large, largeRows);
            StringBuilder plans = new StringBuilder();
            StringBuilder json = new StringBuilder("{\"bench\":\"scanner\",\"large_rows\":" + largeRows
                    + ",\"small_rows\":" + smallRows + ",\"matching_rows\":" + MATCHING + ",\"page\":" + PAGE);
            double worstRatio = Double.MAX_VALUE;
            for (Scan scan : Scan.values()) {
                List<Double> smallMs = new ArrayList<>();
                List<Double> largeMs = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) { // alternate, so machine noise hits both alike
                    smallMs.add(timeFullScan(small, scan));
                    largeMs.add(timeFullScan(large, scan));
                }
                double s = median(smallMs);
                double l = median(largeMs);
                double ratio = s / l;
                worstRatio = Math.min(worstRatio, ratio);
                json.append(String.format(Locale.ROOT, ",\"%s_ms_large\":%.2f,\"%s_ms_small\":%.2f,\"%s_ratio\":%.3f",
                        scan.id, l, scan.id, s, scan.id, ratio));
                plans.append("== ").append(scan.id).append(" scan, first page, ").append(largeRows)
                        .append(" rows\n").append(explain(large, scan)).append("\n");
            }
            json.append(String.format(Locale.ROOT,
                    ",\"baseline\":\"same scans on a %d-row table with the same %d matching rows\","
                            + "\"ratio\":%.3f,\"target\":\">= 0.8 (cost independent of table size)\"}",
                    smallRows, MATCHING, worstRatio));
            Files.createDirectories(plansFile.toAbsolutePath().getParent());
            Files.writeString(plansFile, plans);
            result = json.toString();
        }
        System.out.println(result); // last, after the pools have logged their shutdown
    }

    private static void fill(PostgresLedger ledger, int rows) {
        long started = System.nanoTime();
        LedgerTableFiller.fill(ledger.jdbc, rows / 4, rows / MATCHING);
        System.err.printf(Locale.ROOT, "filled %d rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
    }

    /** Pages through every matching row, as the maintenance task does; returns milliseconds. */
    private static double timeFullScan(PostgresLedger ledger, Scan scan) {
        long started = System.nanoTime();
        int seen = ScanPages.walk((after, limit) -> scan.run.apply(ledger.scanner, after), PAGE, rows -> { });
        if (seen == 0) {
            throw new IllegalStateException(scan.id + " scan found nothing: the fill is wrong");
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private static String explain(PostgresLedger ledger, Scan scan) {
        return String.join("\n", ledger.jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + scan.sql)
                .param("now", JdbcTime.timestamp(scan.bound()))
                .param("afterAt", JdbcTime.timestamp(ScanPosition.start().at()))
                .param("afterId", 0L)
                .param("limit", PAGE)
                .query(String.class).list());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private enum Scan {
        DUE("due", PostgresSyncStateScanner.DUE_SQL, (s, p) -> s.due(Instant.now(), p, PAGE)),
        INTERRUPTED("interrupted", PostgresSyncStateScanner.INTERRUPTED_SQL,
                (s, p) -> s.interrupted(Instant.now(), p, PAGE)),
        STALE("stale", PostgresSyncStateScanner.STALE_SQL,
                (s, p) -> s.stale(Instant.now().minus(Duration.ofDays(1)), p, PAGE));

        final String id;
        final String sql;
        final BiFunction<SyncStateScanner, ScanPosition, ScanPage> run;

        Scan(String id, String sql, BiFunction<SyncStateScanner, ScanPosition, ScanPage> run) {
            this.id = id;
            this.sql = sql;
            this.run = run;
        }

        Instant bound() {
            return this == STALE ? Instant.now().minus(Duration.ofDays(1)) : Instant.now();
        }
    }
}
