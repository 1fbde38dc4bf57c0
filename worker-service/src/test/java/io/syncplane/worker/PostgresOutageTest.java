package io.syncplane.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.syncplane.domain.Source;
import io.syncplane.ledger.PostgresSyncRunStore;
import io.syncplane.ledger.PostgresSyncStateStore;
import io.syncplane.ledger.SyncRun;
import io.syncplane.ledger.SyncRunOutcome;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.testing.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The worker's Postgres goes away mid-sync and comes back: nothing is lost, no attempt is burned, no dead letter. */
class PostgresOutageTest {

    private WorkerHarness harness;
    private TcpProxy proxy;
    private HikariDataSource proxied;

    @BeforeEach
    void setUp() throws Exception {
        harness = new WorkerHarness();
        URI pg = URI.create(harness.ledger.schema.jdbcUrl().substring("jdbc:".length()));
        proxy = new TcpProxy(pg.getHost(), pg.getPort() < 0 ? 5432 : pg.getPort());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(harness.ledger.schema.jdbcUrl().replace(pg.getHost() + ":" + pg.getPort(),
                "127.0.0.1:" + proxy.port()));
        config.setUsername(harness.ledger.schema.user());
        config.setPassword(harness.ledger.schema.password());
        config.setConnectionTimeout(500); // fail fast while Postgres is away instead of waiting 30 s
        config.setMaximumPoolSize(8);
        proxied = new HikariDataSource(config);
    }

    @AfterEach
    void tearDown() throws Exception {
        proxied.close();
        proxy.close();
        harness.close();
    }

    @Test
    void a_worker_backs_off_while_postgres_is_away_and_finishes_from_its_checkpoint_when_it_returns() {
        SyncState state = harness.register(Source.GMAIL);
        RedisSyncQueue scheduler = harness.newQueue();
        PagedTestJob job = new PagedTestJob(itemsThroughProxy(), 3, 4, 1);
        ClaimLoop worker = workerThroughProxy(job);
        harness.enqueueDue(scheduler).run();
        await().atMost(10, TimeUnit.SECONDS).until(() -> job.hanging.getCount() == 0);

        proxy.goDown();
        job.resume.countDown(); // page 2 now fails to commit
        await().atMost(10, TimeUnit.SECONDS).until(() -> worker.currentBackoff().compareTo(Duration.ZERO) > 0);
        proxy.comeBack();

        await().atMost(20, TimeUnit.SECONDS).until(() -> "cursor-3".equals(harness.ledger.states.get(state.key()).cursor()));
        SyncState done = harness.ledger.states.get(state.key());
        assertThat(done.status()).isEqualTo(SyncStatus.IDLE);
        assertThat(done.consecutiveErrors()).isZero();
        assertThat(harness.liveRows(state.key().connectionId())).isEqualTo(12);
        assertThat(harness.ledger.runs.recent(state.key(), 10)).extracting(SyncRun::outcome)
                .containsExactly(SyncRunOutcome.SUCCEEDED, SyncRunOutcome.RELEASED);
        assertThat(scheduler.deadLetters(0, 10).items()).isEmpty();
        await().atMost(5, TimeUnit.SECONDS).until(() -> worker.currentBackoff().isZero());
    }

    private PostgresItemStore itemsThroughProxy() {
        return new PostgresItemStore(JdbcClient.create(proxied), new JdbcTemplate(proxied), harness.ledger.clock);
    }

    private ClaimLoop workerThroughProxy(PagedTestJob job) {
        JdbcClient jdbc = JdbcClient.create(proxied);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(proxied));
        PostgresSyncStateStore states = new PostgresSyncStateStore(jdbc, transactions, new PostgresSyncRunStore(jdbc),
                harness.ledger.clock);
        return harness.startWorker("w-outage", job, Duration.ofMillis(50), 2, states, transactions);
    }
}
