package io.syncplane.connector.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.sync.SyncJob;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The worker finds the connector as a {@link SyncJob} bean, tuned by syncplane.connector.tasks.* properties. */
class TasksConnectorConfigurationTest {

    // Never called while wiring: the beans only need to exist.
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(TasksConnectorConfiguration.class)
            .withBean(GoogleClients.class, () -> new GoogleClients(null, null, null, null))
            .withBean(PostgresItemStore.class, () -> new PostgresItemStore(null, null, Clock.systemUTC()))
            .withBean(FullSyncSweep.class, () -> new FullSyncSweep(new PostgresItemStore(null, null,
                    Clock.systemUTC()), FullSyncSweep.DEFAULT_MAX_DELETE_FRACTION))
            .withBean(JdbcClient.class, () -> JdbcClient.create(new DriverManagerDataSource()))
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void exposes_the_tasks_job_with_properties_bound() {
        context.withPropertyValues("syncplane.connector.tasks.overlap=10m",
                "syncplane.connector.tasks.horizon=15d", "syncplane.connector.tasks.page-size=50").run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(SyncJob.class).source()).isEqualTo(Source.TASKS);
            TasksConnectorProperties properties = started.getBean(TasksConnectorProperties.class);
            assertThat(properties.overlap()).hasMinutes(10);
            assertThat(properties.horizon()).hasDays(15);
            assertThat(properties.pageSize()).isEqualTo(50);
            assertThat(properties.listPageSize()).isEqualTo(100);
        });
    }

    @Test
    void refuses_an_overlap_that_is_not_shorter_than_the_horizon() {
        context.withPropertyValues("syncplane.connector.tasks.overlap=30d")
                .run(started -> assertThat(started).hasFailed());
    }
}
