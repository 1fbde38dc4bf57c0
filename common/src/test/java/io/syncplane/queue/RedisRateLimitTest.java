package io.syncplane.queue;

class RedisRateLimitTest extends RateLimitContract {

    @Override
    protected QueueBackend newBackend() {
        return new RedisQueueBackend();
    }
}
