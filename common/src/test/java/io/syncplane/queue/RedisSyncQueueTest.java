package io.syncplane.queue;

import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.TestBackends;
import java.time.Duration;

/** The contract on a real Redis, each test in a key namespace of its own. */
class RedisSyncQueueTest extends SyncQueueContract {

    private RedisNamespace redis;

    @Override
    protected void startBackend() {
        redis = TestBackends.newRedisNamespace();
        redis.client().setOptions(RedisSyncQueue.recommendedClientOptions(Duration.ofSeconds(5)));
    }

    @Override
    protected void stopBackend() {
        redis.close();
    }

    @Override
    protected SyncQueue openQueue(QueueSettings settings) {
        return RedisSyncQueue.connect(redis.client(), settings, clock);
    }

    @Override
    protected QueueSettings baseSettings() {
        return QueueSettings.defaults().withKeyPrefix(redis.prefix());
    }
}
