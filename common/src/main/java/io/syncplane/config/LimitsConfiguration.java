package io.syncplane.config;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.google.GoogleProperties;
import io.syncplane.limits.ConnectionOwners;
import io.syncplane.limits.RedisRequestPermits;
import io.syncplane.limits.RequestLimits;
import io.syncplane.limits.RequestPermits;
import io.syncplane.metrics.SyncplaneMetrics;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The per-user request budget every Google API client sends under ({@code syncplane.limits.requests.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitsProperties.class)
public class LimitsConfiguration {

    /** Beyond the longest a request may take, so a permit outlives its request unless its worker died. */
    private static final Duration PERMIT_LEASE_MARGIN = Duration.ofSeconds(5);

    @Bean
    RequestLimits requestLimits(RequestLimitsProperties properties) {
        return properties.limits();
    }

    @Bean
    ConnectionOwners connectionOwners(ConnectionStore connections) {
        return new ConnectionOwners(connections);
    }

    /** On the queue's Redis: its cluster when {@code syncplane.redis.cluster-nodes} is set, else the one server. */
    @Bean(destroyMethod = "close")
    RequestPermitsConnection requestPermitsConnection(RequestLimitsProperties properties,
                                                      ObjectProvider<RedisClient> syncQueueRedisClient,
                                                      ObjectProvider<RedisClusterClient> syncQueueRedisClusterClient) {
        if (!properties.isEnabled()) {
            return new RequestPermitsConnection(null, null);
        }
        RedisClusterClient cluster = syncQueueRedisClusterClient.getIfAvailable();
        if (cluster != null) {
            StatefulRedisClusterConnection<String, String> connection = cluster.connect();
            return new RequestPermitsConnection(connection, connection.async());
        }
        StatefulRedisConnection<String, String> connection = syncQueueRedisClient.getObject().connect();
        return new RequestPermitsConnection(connection, connection.async());
    }

    @Bean
    RequestPermits requestPermits(RequestLimitsProperties properties, RequestLimits limits,
                                  RequestPermitsConnection connection, QueueProperties queue, GoogleProperties google,
                                  Clock clock, SyncplaneMetrics metrics) {
        if (!properties.isEnabled()) {
            return RequestPermits.UNLIMITED;
        }
        Duration lease = google.connectTimeout().plus(google.readTimeout()).plus(PERMIT_LEASE_MARGIN);
        return new RedisRequestPermits(connection.redis(), queue.settings().keyPrefix(), limits, lease,
                queue.settings().commandTimeout(), clock, RedisRequestPermits.sleeping(), metrics);
    }

    /** The limiter's own Redis connection (none when limits are off), closed with the context. */
    record RequestPermitsConnection(StatefulConnection<String, String> connection,
                                    RedisScriptingAsyncCommands<String, String> redis) implements AutoCloseable {
        @Override
        public void close() {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
