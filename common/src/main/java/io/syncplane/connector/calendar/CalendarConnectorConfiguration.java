package io.syncplane.connector.calendar;

import io.syncplane.google.GoogleClients;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Calendar connector as a {@link io.syncplane.sync.SyncJob} bean for the worker. */
@Configuration(proxyBeanMethods = false)
public class CalendarConnectorConfiguration {

    @Bean
    CalendarSyncJob calendarSyncJob(GoogleClients clients, PostgresItemStore items, FullSyncSweep sweep,
                                      Clock clock) {
        return new CalendarSyncJob(clients, items, sweep, clock, CalendarSyncSettings.defaults());
    }

    /** Sends this source's outbound operations (two-way sync) for the worker's drain. */
    @Bean
    CalendarWriter calendarWriter(GoogleClients clients) {
        return new CalendarWriter(clients);
    }
}
