package io.syncplane.queue;

class RedisLeaseTest extends LeaseContract {

    @Override
    protected QueueBackend newBackend() {
        return new RedisQueueBackend();
    }
}
