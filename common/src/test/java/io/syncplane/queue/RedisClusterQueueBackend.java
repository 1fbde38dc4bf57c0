package io.syncplane.queue;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** Queues on the shared three-node Redis Cluster, under a key prefix of their own, deleted on close. */
final class RedisClusterQueueBackend implements QueueBackend {

    private final RedisClusterNodes nodes = RedisClusterNodes.shared();
    private final String prefix = "c" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final RedisClusterClient client = RedisClusterClient.create(nodes.seeds());

    RedisClusterQueueBackend() {
        client.setOptions(RedisSyncQueue.recommendedClusterClientOptions(RedisQueueBackend.COMMAND_TIMEOUT));
    }

    @Override
    public SyncQueue open(QueueSettings settings, Clock clock) {
        return RedisSyncQueue.connect(client, settings, clock);
    }

    @Override
    public QueueSettings baseSettings() {
        return QueueSettings.defaults().withKeyPrefix(prefix).withCommandTimeout(RedisQueueBackend.COMMAND_TIMEOUT);
    }

    RedisClusterClient client() {
        return client;
    }

    @Override
    public void close() {
        try (var connection = client.connect()) {
            // SCAN through the cluster connection visits every master in turn
            var redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                var page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
                page.getKeys().forEach(redis::del);
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
