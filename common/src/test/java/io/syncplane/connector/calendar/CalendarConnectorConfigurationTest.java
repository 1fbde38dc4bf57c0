package io.syncplane.connector.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleProperties;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.sync.SyncJob;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The worker finds the connector among the {@link SyncJob} beans, built from the beans the application has. */
class CalendarConnectorConfigurationTest {

    @Test
    void the_configuration_declares_the_calendar_sync_job() {
        PostgresItemStore items = new PostgresItemStore(null, null, Clock.systemUTC());
        new ApplicationContextRunner()
                .withBean(GoogleClients.class, () -> new GoogleClients(new NetHttpTransport(),
                        GsonFactory.getDefaultInstance(), null, new GoogleProperties(null, null, null, null, null,
                        null)))
                .withBean(PostgresItemStore.class, () -> items)
                .withBean(FullSyncSweep.class,
                        () -> new FullSyncSweep(items, FullSyncSweep.DEFAULT_MAX_DELETE_FRACTION))
                .withBean(Clock.class, Clock::systemUTC)
                .withUserConfiguration(CalendarConnectorConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(SyncJob.class).values())
                            .singleElement().extracting(SyncJob::source).isEqualTo(Source.CALENDAR);
                });
    }
}
