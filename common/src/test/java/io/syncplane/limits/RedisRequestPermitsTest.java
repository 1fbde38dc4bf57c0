package io.syncplane.limits;

import io.lettuce.core.api.StatefulRedisConnection;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.TestBackends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class RedisRequestPermitsTest extends RequestPermitsContract {

    private static final Duration LEASE = Duration.ofSeconds(45);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RedisNamespace namespace = TestBackends.newRedisNamespace();
    private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();

    RedisRequestPermitsTest() {
        namespace.client().setOptions(RedisSyncQueue.recommendedClientOptions(TIMEOUT));
    }

    @Override
    protected RequestPermits open(RequestLimits limits, RedisRequestPermits.Sleeper sleeper) {
        StatefulRedisConnection<String, String> connection = namespace.client().connect();
        connections.add(connection);
        return new RedisRequestPermits(connection.async(), namespace.prefix(), limits, LEASE, TIMEOUT, clock, sleeper,
                SyncplaneMetrics.none());
    }

    @Override
    protected Duration permitLease() {
        return LEASE;
    }

    @AfterEach
    void close() {
        connections.forEach(StatefulRedisConnection::close);
        namespace.close();
    }
}
