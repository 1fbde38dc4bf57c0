package io.syncplane.config;

import io.lettuce.core.RedisClient;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
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

    @Bean(destroyMethod = "close")
    SyncQueue syncQueue(RedisClient syncQueueRedisClient, QueueProperties properties, Clock clock) {
        return RedisSyncQueue.connect(syncQueueRedisClient, properties.settings(), clock);
    }
}
