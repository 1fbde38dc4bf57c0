package io.syncplane.queue;

/** {@link FailureContract} on a real three-node Redis Cluster (Lettuce's cluster client). */
class RedisClusterFailureTest extends FailureContract {

    @Override
    protected QueueBackend newBackend() {
        return new RedisClusterQueueBackend();
    }
}
