package io.syncplane.queue;

/** {@link ConcurrencyContract} on a real three-node Redis Cluster (Lettuce's cluster client). */
class RedisClusterConcurrencyTest extends ConcurrencyContract {

    @Override
    protected QueueBackend newBackend() {
        return new RedisClusterQueueBackend();
    }
}
