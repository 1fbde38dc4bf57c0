package io.syncplane.config;

import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Redis sync queue, shared by the API (which enqueues) and the workers (which claim). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueueProperties.class)
public class QueueConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedisClient syncQueueRedisClient(QueueProperties properties) {
        RedisClient client = RedisClient.create(properties.uri());
        client.setOptions(RedisSyncQueue.recommendedClientOptions(properties.settings().commandTimeout()));
        return client;
    }

    /** Only when {@code syncplane.redis.cluster-nodes} is set: the queue then runs on the cluster. */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnProperty("syncplane.redis.cluster-nodes")
    RedisClusterClient syncQueueRedisClusterClient(QueueProperties properties) {
        RedisClusterClient client = RedisClusterClient.create(properties.clusterUris());
        client.setOptions(RedisSyncQueue.recommendedClusterClientOptions(properties.settings().commandTimeout()));
        return client;
    }

    @Bean(destroyMethod = "close")
    SyncQueue syncQueue(RedisClient syncQueueRedisClient, ObjectProvider<RedisClusterClient> cluster,
                        QueueProperties properties, Clock clock) {
        RedisClusterClient clusterClient = cluster.getIfAvailable();
        return clusterClient != null ? RedisSyncQueue.connect(clusterClient, properties.settings(), clock)
                : RedisSyncQueue.connect(syncQueueRedisClient, properties.settings(), clock);
    }
}
