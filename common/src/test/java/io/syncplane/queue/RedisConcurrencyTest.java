package io.syncplane.queue;

class RedisConcurrencyTest extends ConcurrencyContract {

    @Override
    protected QueueBackend newBackend() {
        return new RedisQueueBackend();
    }
}
