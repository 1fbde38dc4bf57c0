package io.syncplane.queue;

/** {@link RateLimitContract} on a real three-node Redis Cluster (Lettuce's cluster client). */
class RedisClusterRateLimitTest extends RateLimitContract {

    @Override
    protected QueueBackend newBackend() {
        return new RedisClusterQueueBackend();
    }
}
