package io.syncplane.worker.maintenance;

import static org.jobrunr.scheduling.RecurringJobBuilder.aRecurringJob;

import org.jobrunr.scheduling.JobScheduler;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Registers the maintenance tasks as JobRunr recurring jobs on Postgres storage: each runs once per interval across
 * the whole cluster (JobRunr does not start a recurring job while its previous run is still going), and operators
 * see them on the JobRunr dashboard. The tasks themselves are plain beans, tested without JobRunr.
 */
public class MaintenanceSchedule {

    private final JobScheduler scheduler;
    private final MaintenanceProperties properties;

    public MaintenanceSchedule(JobScheduler scheduler, MaintenanceProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        scheduler.createRecurrently(aRecurringJob().withId("enqueue-due-syncs").withName("Enqueue due syncs")
                .withInterval(properties.scanInterval()).withAmountOfRetries(0)
                .<EnqueueDueSyncsTask>withDetails(task -> task.run()));
        scheduler.createRecurrently(aRecurringJob().withId("recover-interrupted-syncs")
                .withName("Recover interrupted syncs").withInterval(properties.scanInterval()).withAmountOfRetries(0)
                .<RecoverInterruptedSyncsTask>withDetails(task -> task.run()));
        scheduler.createRecurrently(aRecurringJob().withId("reclaim-expired-leases").withName("Reclaim expired leases")
                .withInterval(properties.scanInterval()).withAmountOfRetries(0)
                .<ReclaimExpiredLeasesTask>withDetails(task -> task.run()));
        scheduler.createRecurrently(aRecurringJob().withId("prune-sync-runs").withName("Prune old sync runs")
                .withInterval(properties.housekeeping()).withAmountOfRetries(0)
                .<PruneSyncRunsTask>withDetails(task -> task.run()));
        scheduler.createRecurrently(aRecurringJob().withId("rotate-encryption-keys")
                .withName("Re-encrypt tokens under the primary key").withInterval(properties.housekeeping())
                .withAmountOfRetries(0).<RotateEncryptionKeysTask>withDetails(task -> task.run()));
        scheduler.createRecurrently(aRecurringJob().withId("prune-tombstones")
                .withName("Prune tombstones past retention").withInterval(properties.housekeeping())
                .withAmountOfRetries(0).<PruneTombstonesTask>withDetails(task -> task.run()));
    }
}
