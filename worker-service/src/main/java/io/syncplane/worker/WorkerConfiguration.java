package io.syncplane.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncplane.config.WritesProperties;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.feed.TombstonePruner;
import io.syncplane.ledger.SyncRunStore;
import io.syncplane.ledger.SyncStateScanner;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.queue.BackoffPolicy;
import io.syncplane.queue.SyncQueue;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.sync.SyncJob;
import io.syncplane.worker.maintenance.EnqueueDueSyncsTask;
import io.syncplane.worker.maintenance.MaintenanceProperties;
import io.syncplane.worker.maintenance.MaintenanceSchedule;
import io.syncplane.worker.maintenance.PruneSyncRunsTask;
import io.syncplane.worker.maintenance.QueueLossWatch;
import io.syncplane.worker.maintenance.PruneTombstonesTask;
import io.syncplane.worker.maintenance.ReclaimExpiredLeasesTask;
import io.syncplane.worker.maintenance.RecoverInterruptedSyncsTask;
import io.syncplane.worker.maintenance.RotateEncryptionKeysTask;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.jobrunr.scheduling.JobScheduler;
import io.syncplane.worker.push.PushAwarePollSchedule;
import io.syncplane.worker.push.PushChannelUpkeep;
import io.syncplane.writeback.MeteredOutbox;
import io.syncplane.writeback.OutboundDrain;
import io.syncplane.writeback.OutboundThenSync;
import io.syncplane.writeback.OutboundWriter;
import io.syncplane.writeback.OutboxStore;
import io.syncplane.writeback.OwnWrites;
import io.syncplane.writeback.PostgresOutboxStore;
import io.syncplane.writeback.StoredRows;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WorkerProperties.class, MaintenanceProperties.class, WritesProperties.class})
public class WorkerConfiguration {

    /** Every connector, sending its source's outbound operations first (two-way sync) under the same run. */
    @Bean
    SyncJobs syncJobs(List<SyncJob> jobs, OutboundDrain drain) {
        return new SyncJobs(jobs.stream().<SyncJob>map(job -> new OutboundThenSync(drain, job)).toList());
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxStore outboxStore(JdbcClient jdbc, Clock clock) {
        return new PostgresOutboxStore(jdbc, clock);
    }

    @Bean
    OutboundDrain outboundDrain(OutboxStore outbox, PostgresItemStore items, JdbcClient jdbc,
                                TransactionTemplate transactions, BackoffPolicy backoff, WritesProperties writes,
                                Clock clock, List<OutboundWriter> writers, SyncplaneMetrics metrics) {
        return new OutboundDrain(new MeteredOutbox(outbox, metrics), items, new StoredRows(jdbc), new OwnWrites(jdbc),
                transactions, backoff, writes.settings(), clock, writers);
    }

    @Bean
    BackoffPolicy backoffPolicy() {
        return BackoffPolicy.googleDefaults(new SplittableRandom());
    }

    @Bean
    SyncRunner syncRunner(SyncStateStore states, SyncQueue queue, SyncJobs jobs, TransactionTemplate transactions,
                          BackoffPolicy backoff, WorkerProperties properties, Clock clock, MeterRegistry meters,
                          PushAwarePollSchedule polls, PushChannelUpkeep pushChannels) {
        return new SyncRunner(states, queue, jobs, transactions, backoff, properties, clock, meters, polls,
                pushChannels);
    }

    @Bean
    LeaseKeeper leaseKeeper(SyncQueue queue, SyncStateStore states, WorkerProperties properties, Clock clock) {
        return new LeaseKeeper(queue, states, properties.leaseDuration(), clock);
    }

    @Bean
    ClaimLoop claimLoop(SyncQueue queue, SyncRunner runner, LeaseKeeper leases, WorkerProperties properties,
                        SyncplaneMetrics metrics) {
        return new ClaimLoop(queue, runner, leases, properties, metrics);
    }

    /** The worker's fixed series (docs/metrics.md), at zero from the first scrape. */
    @Bean
    SmartInitializingSingleton workerMetricSeries(SyncplaneMetrics metrics) {
        return metrics::registerWorkerSeries;
    }

    /** Starts claiming once the context is up and stops (gracefully) before the beans it uses go away. */
    @Bean
    @ConditionalOnProperty(name = "syncplane.worker.enabled", havingValue = "true", matchIfMissing = true)
    SmartLifecycle claimLoopLifecycle(ClaimLoop loop) {
        return lifecycle(loop::start, loop::stop);
    }

    /** Every worker watches for Redis losing the queue and rebuilds it at once (not only JobRunr's master). */
    @Bean
    @ConditionalOnProperty(name = "syncplane.worker.enabled", havingValue = "true", matchIfMissing = true)
    SmartLifecycle queueLossWatch(SyncQueue queue, EnqueueDueSyncsTask enqueueDue) {
        QueueLossWatch watch = new QueueLossWatch(queue, enqueueDue, Duration.ofSeconds(2));
        return lifecycle(watch::start, watch::close);
    }

    /** Runs {@code start} once the context is up and {@code stop} before the beans it uses go away. */
    private static SmartLifecycle lifecycle(Runnable start, Runnable stop) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                start.run();
                running = true;
            }

            @Override
            public void stop() {
                stop.run();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    @Bean
    EnqueueDueSyncsTask enqueueDueSyncsTask(SyncStateScanner scanner, SyncQueue queue,
                                            MaintenanceProperties properties, Clock clock) {
        return new EnqueueDueSyncsTask(scanner, queue, properties, clock);
    }

    @Bean
    RecoverInterruptedSyncsTask recoverInterruptedSyncsTask(SyncStateScanner scanner, SyncStateStore states,
                                                            SyncQueue queue, MaintenanceProperties properties,
                                                            Clock clock, SyncplaneMetrics metrics) {
        return new RecoverInterruptedSyncsTask(scanner, states, queue, properties, clock, metrics);
    }

    @Bean
    ReclaimExpiredLeasesTask reclaimExpiredLeasesTask(SyncQueue queue, MaintenanceProperties properties,
                                                      SyncplaneMetrics metrics) {
        return new ReclaimExpiredLeasesTask(queue, properties, metrics);
    }

    @Bean
    PruneSyncRunsTask pruneSyncRunsTask(SyncRunStore runs, MaintenanceProperties properties, Clock clock) {
        return new PruneSyncRunsTask(runs, properties, clock);
    }

    @Bean
    PruneTombstonesTask pruneTombstonesTask(TombstonePruner pruner, MaintenanceProperties properties, Clock clock) {
        return new PruneTombstonesTask(pruner, properties, clock);
    }

    @Bean
    RotateEncryptionKeysTask rotateEncryptionKeysTask(ConnectionStore connections) {
        return new RotateEncryptionKeysTask(connections);
    }

    @Bean
    MaintenanceSchedule maintenanceSchedule(JobScheduler scheduler, MaintenanceProperties properties) {
        return new MaintenanceSchedule(scheduler, properties);
    }
}
