package io.syncplane.startup;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Down while the queue's Redis does not answer PING. Part of the readiness group, so a service that loses Redis
 * stays alive (its loops back off and recover by themselves) but is taken out of rotation meanwhile.
 */
public final class SyncQueueHealthIndicator extends AbstractHealthIndicator {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client;

    SyncQueueHealthIndicator(RedisClient client) {
        super("Redis (sync queue) is unreachable");
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        // a connection of its own: the queue's connection rejects commands while reconnecting, which says nothing
        // about whether Redis is back
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.setTimeout(PING_TIMEOUT);
            connection.sync().ping();
            builder.up();
        }
    }
}
