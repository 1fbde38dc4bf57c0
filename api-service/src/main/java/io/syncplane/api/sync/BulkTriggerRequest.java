package io.syncplane.api.sync;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Which sources to trigger; every given filter must match (an empty request matches every source).
 *
 * @param status        ledger statuses, e.g. ["error", "idle"]
 * @param source        source ids, e.g. ["gmail"]
 * @param connectionIds at most 1000 connections
 * @param full          force full resyncs
 */
public record BulkTriggerRequest(@Size(max = 6) List<String> status, @Size(max = 4) List<String> source,
                                 @Size(max = 1000) List<Long> connectionIds, Boolean full) {
}
