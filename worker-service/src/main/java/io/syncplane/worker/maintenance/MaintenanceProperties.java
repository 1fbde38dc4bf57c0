package io.syncplane.worker.maintenance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * @param scanInterval   how often due and interrupted syncs are (re-)enqueued from the ledger; after a Redis flush
 *                       everything due is back in the queue within one interval
 * @param scanBatch      ledger rows per scanner page
 * @param runRetention   how long sync runs are kept
 * @param housekeeping   how often runs are pruned and encryption keys rotated
 * @param tombstoneRetention how long deleted items stay in the synced tables as tombstones; a change feed consumer
 *                       that has not read for longer must resync
 */
@ConfigurationProperties("syncplane.maintenance")
public record MaintenanceProperties(Duration scanInterval, Integer scanBatch, Duration runRetention,
                                    Duration housekeeping, Duration tombstoneRetention) {

    @ConstructorBinding // the record has a second, shorter constructor for code written before tombstoneRetention
    public MaintenanceProperties {
        scanInterval = scanInterval == null ? Duration.ofSeconds(10) : scanInterval;
        scanBatch = scanBatch == null ? 1000 : scanBatch;
        runRetention = runRetention == null ? Duration.ofDays(7) : runRetention;
        housekeeping = housekeeping == null ? Duration.ofHours(1) : housekeeping;
        tombstoneRetention = tombstoneRetention == null ? Duration.ofDays(30) : tombstoneRetention;
    }

    public MaintenanceProperties(Duration scanInterval, Integer scanBatch, Duration runRetention,
                                 Duration housekeeping) {
        this(scanInterval, scanBatch, runRetention, housekeeping, null);
    }

}
