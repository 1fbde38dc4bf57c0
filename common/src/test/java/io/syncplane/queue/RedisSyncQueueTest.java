package io.syncplane.queue;

/** The core contract on a real Redis. */
class RedisSyncQueueTest extends SyncQueueContract {

    @Override
    protected QueueBackend newBackend() {
        return new RedisQueueBackend();
    }
}
