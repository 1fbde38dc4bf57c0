package io.syncplane.api.writeback;

import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.sync.DueNow;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.writeback.OutboxStore;
import io.syncplane.writeback.PostgresOutboxStore;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Write-back's API half: uploads into the outbox, statuses and conflicts out of it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WritesProperties.class)
public class WritebackConfiguration {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    OutboxStore outboxStore(JdbcClient jdbc, Clock clock) {
        return new PostgresOutboxStore(jdbc, clock, JSON);
    }

    @Bean
    UploadService uploadService(CallerTransactions transactions, ConnectionStore connections, SyncStateStore states,
                                OutboxStore outbox, JdbcClient jdbc, DueNow dueNow, WritesProperties properties,
                                Clock clock) {
        return new UploadService(transactions, connections, states, outbox, new StoredItems(jdbc),
                new AppFieldsWriter(jdbc, JSON, clock), dueNow, new OperationParser(clock), properties);
    }

    @Bean
    OutboundQueries outboundQueries(CallerTransactions transactions, ConnectionStore connections,
                                    OutboxStore outbox) {
        return new OutboundQueries(transactions, connections, outbox);
    }
}
