package io.syncplane.connector.gmail;

import io.syncplane.google.GoogleClients;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Gmail connector as a {@link io.syncplane.sync.SyncJob} bean for the worker. */
@Configuration(proxyBeanMethods = false)
public class GmailConnectorConfiguration {

    @Bean
    GmailSyncJob gmailSyncJob(GoogleClients clients, PostgresItemStore items, FullSyncSweep sweep, Clock clock) {
        return new GmailSyncJob(clients, items, sweep, clock, GmailSyncSettings.defaults());
    }

    /** Sends this source's outbound operations (two-way sync) for the worker's drain. */
    @Bean
    GmailWriter gmailWriter(GoogleClients clients) {
        return new GmailWriter(clients);
    }
}
