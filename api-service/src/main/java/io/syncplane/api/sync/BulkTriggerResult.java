package io.syncplane.api.sync;

/**
 * @param matched  sources the filter selected
 * @param enqueued triggers the queue accepted (new entries, coalesced ones and pending marks)
 * @param skipped  sources that cannot run (disabled, needs re-authorisation) or are dead-lettered
 */
public record BulkTriggerResult(long matched, long enqueued, long skipped) {
}
