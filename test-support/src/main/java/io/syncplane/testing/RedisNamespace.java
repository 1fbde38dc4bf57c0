package io.syncplane.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.UUID;

/**
 * A key prefix of its own on the shared test Redis. Code under test is given {@link #prefix()} and must put every key
 * under it; closing deletes those keys, so tests never see each other's entries.
 */
public final class RedisNamespace implements AutoCloseable {

    private final String prefix;
    private final RedisClient client;

    private RedisNamespace(String prefix, RedisClient client) {
        this.prefix = prefix;
        this.client = client;
    }

    static RedisNamespace create(String redisUri) {
        return new RedisNamespace("t" + UUID.randomUUID().toString().substring(0, 8) + ":", RedisClient.create(redisUri));
    }

    public String prefix() {
        return prefix;
    }

    /** The test's client; shared by everything in the test, shut down on close. */
    public RedisClient client() {
        return client;
    }

    /** Deletes every key of this namespace: a FLUSHALL as its users see it, without touching anyone else's keys. */
    public void flush() {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    redis.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
