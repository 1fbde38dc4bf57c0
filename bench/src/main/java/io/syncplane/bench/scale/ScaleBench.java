package io.syncplane.bench.scale;

import io.lettuce.core.RedisClient;
import io.syncplane.queue.RedisSyncQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The scale benchmark's database half (bench/scripts/scale): the due-sync scan plus claim, and the change feed's empty
 * poll, on 10,000 rows against {@code SCALE_ROWS} rows (default 1,000,000; 10,000,000 for the full run), alternated in
 * one process, medians. Both sides hold the same number of due rows and the polled user the same rows, so a ratio of
 * 1 means the cost does not grow with the table. Also: the Redis memory a waiting queue entry costs. Prints one JSON
 * object (without a closing brace: the script appends the worker's memory figures and closes it).
 */
public final class ScaleBench {

    private ScaleBench() {
    }

    public static void main(String[] args) {
        ScaleSettings settings = ScaleSettings.fromEnvironment(System.getenv());
        RedisClient redis = RedisClient.create(settings.redisUri());
        redis.setOptions(RedisSyncQueue.recommendedClientOptions(Duration.ofSeconds(30)));
        StringBuilder json = new StringBuilder();
        try (ScaleDatabase small = ScaleDatabase.open(settings, ScaleSettings.SMALL_ROWS);
             ScaleDatabase large = ScaleDatabase.open(settings, settings.largeRows())) {
            ScaleFill.Result smallFill = ScaleFill.fill(small, ScaleSettings.SMALL_ROWS, settings.dueRows());
            log("filled %,d rows in %s", ScaleSettings.SMALL_ROWS, describe(smallFill));
            ScaleFill.Result largeFill = ScaleFill.fill(large, settings.largeRows(), settings.dueRows());
            log("filled %,d rows in %s", settings.largeRows(), describe(largeFill));
            json.append(String.format(Locale.ROOT, "{\"bench\":\"scale\",\"small_rows\":%d,\"large_rows\":%d,"
                            + "\"fill_s\":{\"ledger\":%.0f,\"synced\":%.0f,\"vacuum_analyze\":%.0f,\"reused\":%b},"
                            + "\"database\":{\"size_large_gib\":%.2f,\"shared_buffers\":\"%s\"}",
                    ScaleSettings.SMALL_ROWS, settings.largeRows(), largeFill.ledgerSeconds(),
                    largeFill.syncedSeconds(), largeFill.vacuumSeconds(), largeFill.reused(),
                    large.jdbc.sql("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                            + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'")
                            .param(large.schema).query(Long.class).single() / (double) (1L << 30),
                    large.jdbc.sql("SHOW shared_buffers").query(String.class).single()));
            dueScanAndClaim(settings, new DueScanAndClaim(small, redis), new DueScanAndClaim(large, redis), json);
            emptyPolls(settings, new EmptyPolls(small, ScaleSettings.SMALL_ROWS),
                    new EmptyPolls(large, settings.largeRows()), json);
            json.append(String.format(Locale.ROOT, ",\"queue_memory\":{\"bytes_per_waiting_entry\":%.0f,"
                    + "\"measured\":\"MEMORY USAGE of 100000 scheduled entries' keys\"}",
                    QueueMemory.bytesPerEntry(redis, 100_000)));
        } catch (RuntimeException e) {
            System.err.println("scale bench could not measure: " + e);
            e.printStackTrace();
            System.exit(2);
        } finally {
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        System.out.println(json); // last: the pools log their shutdown before it
    }

    private static void dueScanAndClaim(ScaleSettings settings, DueScanAndClaim small, DueScanAndClaim large,
                                        StringBuilder json) {
        small.round(settings.dueRows()); // warm-up: JIT, plans, caches
        large.round(settings.dueRows());
        List<Double> smallScan = new ArrayList<>();
        List<Double> largeScan = new ArrayList<>();
        List<Double> smallClaim = new ArrayList<>();
        List<Double> largeClaim = new ArrayList<>();
        List<Double> smallTotal = new ArrayList<>();
        List<Double> largeTotal = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            // alternate which goes first, so drifting load hits both alike
            DueScanAndClaim.Timing s;
            DueScanAndClaim.Timing l;
            if (round % 2 == 0) {
                s = small.round(settings.dueRows());
                l = large.round(settings.dueRows());
            } else {
                l = large.round(settings.dueRows());
                s = small.round(settings.dueRows());
            }
            smallScan.add(s.scanAndEnqueueMs());
            largeScan.add(l.scanAndEnqueueMs());
            smallClaim.add(s.claimAndStartMs());
            largeClaim.add(l.claimAndStartMs());
            smallTotal.add(s.totalMs());
            largeTotal.add(l.totalMs());
            log("round %d: small %.0f + %.0f ms, large %.0f + %.0f ms (scan+enqueue + claim+start)", round,
                    s.scanAndEnqueueMs(), s.claimAndStartMs(), l.scanAndEnqueueMs(), l.claimAndStartMs());
        }
        double st = median(smallTotal);
        double lt = median(largeTotal);
        json.append(String.format(Locale.ROOT, ",\"due_scan_and_claim\":{\"due_rows\":%d,\"rounds\":%d,"
                        + "\"ms_small\":%.1f,\"ms_large\":%.1f,\"ratio_large_over_small\":%.2f,"
                        + "\"target\":\"ratio <= 1.5\",\"target_met\":%b,"
                        + "\"scan_enqueue_ms_small\":%.1f,\"scan_enqueue_ms_large\":%.1f,"
                        + "\"claim_start_ms_small\":%.1f,\"claim_start_ms_large\":%.1f,"
                        + "\"us_per_due_sync_large\":%.0f,\"runs_ms_small\":%s,\"runs_ms_large\":%s,"
                        + "\"measured\":\"due scan (pages of %d) + enqueueAll per page, then claim (batches of %d) + "
                        + "ledger find + start per job, one thread\"}",
                settings.dueRows(), settings.rounds(), st, lt, lt / st, lt / st <= 1.5,
                median(smallScan), median(largeScan), median(smallClaim), median(largeClaim),
                lt * 1e3 / settings.dueRows(), ints(smallTotal), ints(largeTotal),
                DueScanAndClaim.SCAN_PAGE, DueScanAndClaim.CLAIM_BATCH));
    }

    private static void emptyPolls(ScaleSettings settings, EmptyPolls small, EmptyPolls large, StringBuilder json) {
        for (int i = 0; i < 300; i++) { // warm-up
            small.userPoll();
            large.userPoll();
        }
        List<Double> smallUs = new ArrayList<>();
        List<Double> largeUs = new ArrayList<>();
        List<Double> smallAllUs = new ArrayList<>();
        List<Double> largeAllUs = new ArrayList<>();
        for (int i = 0; i < settings.polls(); i++) { // interleaved, so machine noise hits both alike
            smallUs.add(small.userPoll());
            largeUs.add(large.userPoll());
            if (i % 5 == 0) {
                smallAllUs.add(small.allPoll());
                largeAllUs.add(large.allPoll());
            }
        }
        Collections.sort(smallUs);
        Collections.sort(largeUs);
        Collections.sort(smallAllUs);
        Collections.sort(largeAllUs);
        double s50 = percentile(smallUs, 0.5);
        double l50 = percentile(largeUs, 0.5);
        double s99 = percentile(smallUs, 0.99);
        double l99 = percentile(largeUs, 0.99);
        json.append(String.format(Locale.ROOT, ",\"empty_poll\":{\"polls\":%d,\"user_connections\":2,"
                        + "\"p50_us_small\":%.0f,\"p50_us_large\":%.0f,\"p99_us_small\":%.0f,\"p99_us_large\":%.0f,"
                        + "\"ratio_p50_large_over_small\":%.2f,\"ratio_p99_large_over_small\":%.2f,"
                        + "\"target\":\"ratio <= 1.5\",\"target_met\":%b,"
                        + "\"all_users_p50_us_small\":%.0f,\"all_users_p50_us_large\":%.0f,"
                        + "\"all_users_p99_us_small\":%.0f,\"all_users_p99_us_large\":%.0f,"
                        + "\"measured\":\"BEGIN; ChangeFeed.read (empty, limit %d); COMMIT\"}",
                smallUs.size(), s50, l50, s99, l99, l50 / s50, l99 / s99, l99 / s99 <= 1.5,
                percentile(smallAllUs, 0.5), percentile(largeAllUs, 0.5), percentile(smallAllUs, 0.99),
                percentile(largeAllUs, 0.99), EmptyPolls.PAGE));
    }

    private static String describe(ScaleFill.Result fill) {
        return String.format(Locale.ROOT, "%.0f s ledger + %.0f s synced + %.0f s vacuum%s", fill.ledgerSeconds(),
                fill.syncedSeconds(), fill.vacuumSeconds(), fill.reused() ? " (kept from an earlier run)" : "");
    }

    private static String ints(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[scale] " + format + "%n", args);
    }
}
