package io.syncplane.feed;

import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The change feed reader and the tombstone pruner for both services; the LISTEN connection and long-poll only where
 * {@code syncplane.feed.notifications.enabled=true} (the API): a worker has no use for a held connection.
 */
@Configuration(proxyBeanMethods = false)
public class FeedConfiguration {

    @Bean
    ChangeFeed changeFeed(JdbcClient jdbc) {
        // its own mapper: it only parses stored JSON into maps, whatever the service configured for HTTP
        return new ChangeFeed(jdbc, JsonMapper.builder().build());
    }

    @Bean
    TombstonePruner tombstonePruner(JdbcClient jdbc, Clock clock) {
        return new TombstonePruner(jdbc, clock);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "syncplane.feed.notifications.enabled", havingValue = "true")
    static class Notifications {

        /** A dedicated connection with the service's datasource settings, outside the pool. */
        @Bean(destroyMethod = "close")
        ChangeNotifications changeNotifications(@Value("${spring.datasource.url}") String url,
                                                @Value("${spring.datasource.username:}") String user,
                                                @Value("${spring.datasource.password:}") String password) {
            return ChangeNotifications.start(() -> DriverManager.getConnection(url, user, password));
        }

        @Bean
        LongPoll longPoll(ChangeNotifications notifications,
                          @Value("${syncplane.feed.fallback-poll-millis:1000}") long fallbackMillis) {
            return new LongPoll(notifications, Duration.ofMillis(fallbackMillis));
        }
    }
}
