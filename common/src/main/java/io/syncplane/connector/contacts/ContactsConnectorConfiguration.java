package io.syncplane.connector.contacts;

import io.syncplane.google.GoogleClients;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.sync.SyncJob;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Contacts connector with the worker, which collects every {@link SyncJob} bean. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContactsConnectorProperties.class)
public class ContactsConnectorConfiguration {

    @Bean
    SyncJob contactsSyncJob(GoogleClients clients, PostgresItemStore items, FullSyncSweep sweep, Clock clock,
                            ContactsConnectorProperties properties) {
        return new ContactsSyncJob(clients, items, sweep, clock, properties);
    }

    /** Sends this source's outbound operations (two-way sync) for the worker's drain. */
    @Bean
    ContactsWriter contactsWriter(GoogleClients clients) {
        return new ContactsWriter(clients);
    }
}
