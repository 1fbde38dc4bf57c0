package io.syncplane.api.sync;

/**
 * What one trigger did.
 *
 * @param queue   the queue's answer: enqueued, debounced, coalesced (merged into a waiting run), marked_pending (runs
 *                again right after the current run), scanner (Redis was unreachable: the source is due in the
 *                ledger and the stale-sync scanner enqueues it), or null when nothing was enqueued
 * @param skipped why nothing was enqueued (disabled, needs re-authorisation, dead-lettered), else null
 */
public record TriggerResult(SourceStateView state, String queue, String skipped) {
}
