package io.syncplane.queue;

class RedisFailureTest extends FailureContract {

    @Override
    protected QueueBackend newBackend() {
        return new RedisQueueBackend();
    }
}
