package io.syncplane.api.status;

import io.syncplane.api.connections.GoogleLinkingService;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.ops.DeadLetterService;
import io.syncplane.api.sync.SourceStates;
import io.syncplane.connection.ConnectionStore;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The status page's services (its own configuration, so the page stays one self-contained package). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatusPageProperties.class)
public class StatusConfiguration {

    @Bean
    StatusMapping statusMapping() {
        return new StatusMapping();
    }

    @Bean
    StatusService statusService(CallerTransactions transactions, ConnectionStore connections, SourceStates views,
                                JdbcClient jdbc, DeadLetterService deadLetters, GoogleLinkingService linking,
                                StatusMapping mapping, StatusPageProperties properties, Clock clock) {
        return new StatusService(transactions, connections, views, jdbc, deadLetters, linking, mapping, properties,
                clock);
    }
}
