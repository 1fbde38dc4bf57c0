package io.syncplane.connector.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.sync.SyncJob;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The worker finds the connector as a {@link SyncJob} bean, tuned by syncplane.connector.contacts.* properties. */
class ContactsConnectorConfigurationTest {

    // Never called while wiring: the beans only need to exist.
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ContactsConnectorConfiguration.class)
            .withBean(GoogleClients.class, () -> new GoogleClients(null, null, null, null))
            .withBean(PostgresItemStore.class, () -> new PostgresItemStore(null, null, Clock.systemUTC()))
            .withBean(FullSyncSweep.class, () -> new FullSyncSweep(new PostgresItemStore(null, null,
                    Clock.systemUTC()), FullSyncSweep.DEFAULT_MAX_DELETE_FRACTION))
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void exposes_the_contacts_job_with_properties_bound() {
        context.withPropertyValues("syncplane.connector.contacts.page-size=250",
                "syncplane.connector.contacts.rate-limit-fallback=90s").run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(SyncJob.class).source()).isEqualTo(Source.CONTACTS);
            ContactsConnectorProperties properties = started.getBean(ContactsConnectorProperties.class);
            assertThat(properties.pageSize()).isEqualTo(250);
            assertThat(properties.rateLimitFallback()).hasSeconds(90);
        });
    }

    @Test
    void refuses_a_page_size_people_would_refuse() {
        context.withPropertyValues("syncplane.connector.contacts.page-size=5000")
                .run(started -> assertThat(started).hasFailed());
    }
}
