package io.syncplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.ledger.SyncStateScanner;
import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TestBackends;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The worker starts against a real, empty database with JobRunr's storage on the same Postgres. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"jobrunr.dashboard.enabled=false", "jobrunr.background-job-server.enabled=false",
                "syncplane.google.clients[0].id=test-client", "syncplane.google.clients[0].secret=test-secret"})
class WorkerServiceApplicationTest {

    private static final PostgresSchema SCHEMA = TestBackends.newPostgresSchema();
    private static final RedisNamespace REDIS = TestBackends.newRedisNamespace();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        SpringBackendProperties.of(SCHEMA, REDIS).forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void dropBackends() {
        SCHEMA.close();
        REDIS.close();
    }

    @Autowired
    SyncStateScanner scanner;

    @Autowired
    StorageProvider jobStorage;

    @Autowired
    SyncJobs jobs;

    @Test
    void starts_with_the_ledger_and_jobrunr_storage_on_postgres() {
        assertThat(scanner).isNotNull();
        assertThat(jobStorage.getClass().getName()).contains("Postgres");
    }

    @Test
    void every_source_sends_its_outbox_before_it_syncs() {
        for (io.syncplane.domain.Source source : io.syncplane.domain.Source.values()) {
            assertThat(jobs.forSource(source)).as("%s", source).get()
                    .isInstanceOf(io.syncplane.writeback.OutboundThenSync.class);
        }
    }
}
