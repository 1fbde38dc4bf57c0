package io.syncplane.bench.scale;

import java.util.Map;

/**
 * The knobs of the scale benchmark, from the environment.
 *
 * @param largeRows   sync_state rows, and synced rows, of the large side (SCALE_ROWS; the small side has 10,000)
 * @param dueRows     due syncs on both sides, so both scans and claims do the same work (SCALE_DUE_ROWS)
 * @param rounds      alternated rounds of the scan and claim (SCALE_ROUNDS)
 * @param polls       empty polls per side (SCALE_POLLS)
 * @param keep        keep the filled schemas for the next run instead of dropping them (SCALE_KEEP=1)
 */
record ScaleSettings(long largeRows, int dueRows, int rounds, int polls, boolean keep, String databaseUrl,
                     String user, String password, String redisUri) {

    static final long SMALL_ROWS = 10_000;

    static ScaleSettings fromEnvironment(Map<String, String> env) {
        return new ScaleSettings(
                Long.parseLong(env.getOrDefault("SCALE_ROWS", "1000000")),
                Integer.parseInt(env.getOrDefault("SCALE_DUE_ROWS", "1000")),
                Integer.parseInt(env.getOrDefault("SCALE_ROUNDS", "5")),
                Integer.parseInt(env.getOrDefault("SCALE_POLLS", "3000")),
                "1".equals(env.get("SCALE_KEEP")),
                env.getOrDefault("SCALE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/syncplane_bench_scale"),
                env.getOrDefault("SYNCPLANE_BENCH_PG_USER", "postgres"),
                env.getOrDefault("SYNCPLANE_BENCH_PG_PASSWORD", ""),
                env.getOrDefault("SCALE_REDIS_URI", "redis://127.0.0.1:6379"));
    }
}
