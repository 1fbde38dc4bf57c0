package io.syncplane.startup;

import io.lettuce.core.RedisClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis half of the readiness group ({@code db} is Boot's). The start-up waits and checks run before the context
 * exists: see {@link StartupChecks}.
 */
@Configuration(proxyBeanMethods = false)
public class StartupConfiguration {

    /** {@code syncQueue} in /actuator/health/readiness. */
    @Bean
    SyncQueueHealthIndicator syncQueueHealthIndicator(RedisClient syncQueueRedisClient) {
        return new SyncQueueHealthIndicator(syncQueueRedisClient);
    }
}
