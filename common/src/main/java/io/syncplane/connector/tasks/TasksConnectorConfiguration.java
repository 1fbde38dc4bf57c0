package io.syncplane.connector.tasks;

import io.syncplane.google.GoogleClients;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.sync.SyncJob;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Registers the Tasks connector with the worker, which collects every {@link SyncJob} bean. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TasksConnectorProperties.class)
public class TasksConnectorConfiguration {

    @Bean
    SyncJob tasksSyncJob(GoogleClients clients, PostgresItemStore items, FullSyncSweep sweep, JdbcClient jdbc,
                         Clock clock, TasksConnectorProperties properties) {
        return new TasksSyncJob(clients, items, sweep, new StoredTaskLists(jdbc), clock, properties);
    }

    /** Sends this source's outbound operations (two-way sync) for the worker's drain. */
    @Bean
    TasksWriter tasksWriter(GoogleClients clients) {
        return new TasksWriter(clients);
    }
}
