package io.syncplane.queue;

/** {@link LeaseContract} on a real three-node Redis Cluster (Lettuce's cluster client). */
class RedisClusterLeaseTest extends LeaseContract {

    @Override
    protected QueueBackend newBackend() {
        return new RedisClusterQueueBackend();
    }
}
