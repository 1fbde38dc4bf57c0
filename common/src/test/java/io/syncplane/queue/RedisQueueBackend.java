package io.syncplane.queue;

import io.lettuce.core.RedisClient;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.TestBackends;
import java.time.Clock;
import java.time.Duration;

/** A key namespace of its own on the shared test Redis, with the client options production should use. */
final class RedisQueueBackend implements QueueBackend {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final RedisNamespace namespace = TestBackends.newRedisNamespace();

    RedisQueueBackend() {
        namespace.client().setOptions(RedisSyncQueue.recommendedClientOptions(COMMAND_TIMEOUT));
    }

    @Override
    public SyncQueue open(QueueSettings settings, Clock clock) {
        return RedisSyncQueue.connect(namespace.client(), settings, clock);
    }

    @Override
    public QueueSettings baseSettings() {
        return QueueSettings.defaults().withKeyPrefix(namespace.prefix()).withCommandTimeout(COMMAND_TIMEOUT);
    }

    RedisClient client() {
        return namespace.client();
    }

    String prefix() {
        return namespace.prefix();
    }

    @Override
    public void close() {
        namespace.close();
    }
}
