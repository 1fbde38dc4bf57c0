package io.syncplane.queue;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.syncplane.limits.RedisRequestPermits;
import io.syncplane.limits.RequestLimits;
import io.syncplane.limits.RequestPermits;
import io.syncplane.limits.RequestPermitsContract;
import io.syncplane.metrics.SyncplaneMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * The per-user request budget on the three-node Redis Cluster the queue runs on with
 * {@code syncplane.redis.cluster-nodes}: a user's keys share one slot, so the same script works there. Here (not in
 * the limits package) because the cluster fixture is the queue tests'.
 */
class RedisClusterRequestPermitsTest extends RequestPermitsContract {

    private static final Duration LEASE = Duration.ofSeconds(45);

    private final RedisClusterClient client = RedisClusterClient.create(RedisClusterNodes.shared().seeds());
    private final String prefix = "p" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<StatefulRedisClusterConnection<String, String>> connections = new ArrayList<>();

    RedisClusterRequestPermitsTest() {
        client.setOptions(RedisSyncQueue.recommendedClusterClientOptions(RedisQueueBackend.COMMAND_TIMEOUT));
    }

    @Override
    protected RequestPermits open(RequestLimits limits, RedisRequestPermits.Sleeper sleeper) {
        StatefulRedisClusterConnection<String, String> connection = client.connect();
        connections.add(connection);
        return new RedisRequestPermits(connection.async(), prefix, limits, LEASE, RedisQueueBackend.COMMAND_TIMEOUT,
                clock, sleeper, SyncplaneMetrics.none());
    }

    @Override
    protected Duration permitLease() {
        return LEASE;
    }

    @AfterEach
    void close() {
        connections.forEach(StatefulRedisClusterConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
