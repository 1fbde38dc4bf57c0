package io.syncplane.bench.scale;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.queue.EnqueueRequest;
import io.syncplane.queue.QueueSettings;
import io.syncplane.queue.RedisSyncQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Redis memory per waiting queue entry. Every source of every account has one (its next scheduled run waits in the
 * queue between runs), so this times the number of (account, source) pairs is what the queue needs. Counted with
 * MEMORY USAGE over the benchmark's own keys, so other clients of the shared Redis do not blur it.
 */
final class QueueMemory {

    private QueueMemory() {
    }

    static double bytesPerEntry(RedisClient redis, int entries) {
        String prefix = "bench:scale-mem:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        try (RedisSyncQueue queue = RedisSyncQueue.connect(redis, QueueSettings.defaults().withKeyPrefix(prefix),
                Clock.systemUTC())) {
            Instant due = Instant.now().plusSeconds(3600);
            for (int from = 0; from < entries; from += 1_000) {
                List<EnqueueRequest> batch = new ArrayList<>(1_000);
                for (int i = from; i < Math.min(entries, from + 1_000); i++) {
                    Source source = Source.values()[i % Source.values().length];
                    batch.add(new EnqueueRequest(new SyncKey(1_000_000_000L + i / 4, source), SyncTrigger.SCHEDULE,
                            SyncMode.INCREMENTAL, due));
                }
                queue.enqueueAll(batch);
            }
            return (double) usage(redis, prefix, false) / entries;
        } finally {
            usage(redis, prefix, true);
        }
    }

    /** Sums MEMORY USAGE of the prefix's keys (every element sampled); unlinks them instead when {@code delete}. */
    private static long usage(RedisClient redis, String prefix, boolean delete) {
        long bytes = 0;
        try (var connection = redis.connect()) {
            var sync = connection.sync();
            ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(1000);
            var cursor = sync.scan(ScanCursor.INITIAL, match);
            while (true) {
                for (String key : cursor.getKeys()) {
                    if (delete) {
                        sync.unlink(key);
                    } else {
                        // SAMPLES 0: every element counted, not an estimate from five
                        Long used = sync.eval("return redis.call('MEMORY', 'USAGE', KEYS[1], 'SAMPLES', '0')",
                                io.lettuce.core.ScriptOutputType.INTEGER, key);
                        bytes += used == null ? 0 : used;
                    }
                }
                if (cursor.isFinished()) {
                    return bytes;
                }
                cursor = sync.scan(cursor, match);
            }
        }
    }
}
