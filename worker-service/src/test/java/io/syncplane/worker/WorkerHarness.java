package io.syncplane.worker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.queue.BackoffPolicy;
import io.syncplane.queue.QueueSettings;
import io.syncplane.queue.RateLimitPolicy;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.sync.SyncJob;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.TestBackends;
import io.syncplane.worker.maintenance.EnqueueDueSyncsTask;
import io.syncplane.worker.maintenance.MaintenanceProperties;
import io.syncplane.worker.maintenance.ReclaimExpiredLeasesTask;
import io.syncplane.worker.maintenance.RecoverInterruptedSyncsTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Real ledger (own schema), real Redis queue (own prefix), and any number of workers on them, wired by hand so a test
 * can freeze, kill or stop one. Lease times follow the ledger's test clock; heartbeats fire on real time.
 */
final class WorkerHarness implements AutoCloseable {

    static final Duration LEASE = Duration.ofSeconds(60);

    final PostgresLedger ledger = PostgresLedger.create();
    final RedisNamespace redis = TestBackends.newRedisNamespace();
    final PostgresItemStore items;
    final MaintenanceProperties maintenance = new MaintenanceProperties(null, 100, null, null);
    private final List<RedisSyncQueue> queues = new ArrayList<>();
    private final List<ClaimLoop> loops = new ArrayList<>();

    WorkerHarness() {
        items = new PostgresItemStore(ledger.jdbc, new JdbcTemplate(ledger.schema.dataSource()), ledger.clock);
    }

    RedisSyncQueue newQueue() {
        QueueSettings d = QueueSettings.defaults();
        QueueSettings settings = new QueueSettings(redis.prefix(), d.partitions(), d.pushDebounce(),
                d.deadLetterAfter(), d.maxRunningPerConnection(),
                RateLimitPolicy.uniform(new RateLimitPolicy.Rate(1000, 1000)), d.laneWeights(), d.commandTimeout());
        RedisSyncQueue queue = RedisSyncQueue.connect(redis.client(), settings, ledger.clock);
        queues.add(queue);
        return queue;
    }

    SyncRunner runner(RedisSyncQueue queue, String workerId, SyncJob job) {
        return new SyncRunner(ledger.states, queue, new SyncJobs(List.of(job)), ledger.transactions,
                BackoffPolicy.googleDefaults(new SplittableRandom(7)), properties(workerId, Duration.ofMillis(50), 2),
                ledger.clock, new SimpleMeterRegistry());
    }

    /**
     * A started worker. {@code heartbeat} is real time while leases follow the test clock: a heartbeat of 59 s never
     * fires during a test, which is a worker that stopped beating (frozen or killed).
     */
    ClaimLoop startWorker(String workerId, SyncJob job, Duration heartbeat) {
        return startWorker(workerId, job, heartbeat, 2);
    }

    ClaimLoop startWorker(String workerId, SyncJob job, Duration heartbeat, int concurrency) {
        return startWorker(workerId, job, heartbeat, concurrency, ledger.states, ledger.transactions);
    }

    /** A started worker whose ledger is {@code states} (e.g. the same schema reached through a proxy). */
    ClaimLoop startWorker(String workerId, SyncJob job, Duration heartbeat, int concurrency, SyncStateStore states,
                          TransactionTemplate transactions) {
        RedisSyncQueue queue = newQueue();
        WorkerProperties properties = properties(workerId, heartbeat, concurrency);
        ClaimLoop loop = new ClaimLoop(queue, new SyncRunner(states, queue, new SyncJobs(List.of(job)),
                transactions, BackoffPolicy.googleDefaults(new SplittableRandom(7)), properties, ledger.clock,
                new SimpleMeterRegistry()), new LeaseKeeper(queue, states, LEASE, ledger.clock), properties);
        loops.add(loop);
        loop.start();
        return loop;
    }

    private static WorkerProperties properties(String workerId, Duration heartbeat, int concurrency) {
        return new WorkerProperties(workerId, concurrency, LEASE, heartbeat, Duration.ofMillis(20), Duration.ofSeconds(5), null,
                null);
    }

    SyncState register(Source source) {
        GoogleConnection connection = ledger.newConnection();
        return ledger.states.register(new SyncKey(connection.id(), source), connection.userId(), ledger.clock.instant());
    }

    EnqueueDueSyncsTask enqueueDue(RedisSyncQueue queue) {
        return new EnqueueDueSyncsTask(ledger.scanner, queue, maintenance, ledger.clock);
    }

    RecoverInterruptedSyncsTask recoverInterrupted(RedisSyncQueue queue) {
        return new RecoverInterruptedSyncsTask(ledger.scanner, ledger.states, queue, maintenance, ledger.clock);
    }

    ReclaimExpiredLeasesTask reclaimExpired(RedisSyncQueue queue) {
        return new ReclaimExpiredLeasesTask(queue, maintenance);
    }

    long liveRows(long connectionId) {
        return ledger.jdbc.sql("SELECT count(*) FROM gmail_message WHERE connection_id = ? AND deleted_at IS NULL")
                .param(connectionId).query(Long.class).single();
    }

    @Override
    public void close() {
        loops.forEach(ClaimLoop::stop);
        queues.forEach(RedisSyncQueue::close);
        redis.close();
        ledger.close();
    }
}
