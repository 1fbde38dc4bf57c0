package io.syncplane.writeback;

import io.syncplane.domain.SyncKey;
import io.syncplane.metrics.SyncplaneMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Counts what becomes of outbound operations ({@code syncplane_outbound_operations_total}, docs/metrics.md) where the
 * drain records it, in the outbox, so every path through {@link OutboundDrain} is counted without being touched.
 */
public final class MeteredOutbox implements OutboxStore {

    private final OutboxStore outbox;
    private final SyncplaneMetrics metrics;

    public MeteredOutbox(OutboxStore outbox, SyncplaneMetrics metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    @Override
    public OutboundOperation markApplied(OutboundOperation operation, OperationResult result) {
        return counted(outbox.markApplied(operation, result), "applied");
    }

    @Override
    public OutboundOperation markConflict(OutboundOperation operation, String reason) {
        return counted(outbox.markConflict(operation, reason), "conflict");
    }

    @Override
    public OutboundOperation markFailed(OutboundOperation operation, String reason) {
        return counted(outbox.markFailed(operation, reason), "failed");
    }

    @Override
    public OutboundOperation retryLater(OutboundOperation operation, String error, Instant at, boolean mayHaveLanded) {
        return counted(outbox.retryLater(operation, error, at, mayHaveLanded), "retried");
    }

    private OutboundOperation counted(OutboundOperation operation, String outcome) {
        metrics.outbound(operation.source(), outcome);
        return operation;
    }

    @Override
    public Recorded record(NewOperation operation) {
        return outbox.record(operation);
    }

    @Override
    public Optional<OutboundOperation> find(long userId, long operationId) {
        return outbox.find(userId, operationId);
    }

    @Override
    public Optional<OutboundOperation> recorded(long userId, String idempotencyKey, byte[] requestHash) {
        return outbox.recorded(userId, idempotencyKey, requestHash);
    }

    @Override
    public List<OutboundOperation> due(SyncKey key, Instant now, int limit) {
        return outbox.due(key, now, limit);
    }

    @Override
    public boolean hasOpen(SyncKey key) {
        return outbox.hasOpen(key);
    }

    @Override
    public OutboundOperation markSending(OutboundOperation operation) {
        return outbox.markSending(operation);
    }

    @Override
    public WriteConflict recordConflict(WriteConflict conflict) {
        return outbox.recordConflict(conflict);
    }

    @Override
    public List<WriteConflict> conflicts(long userId, Long beforeId, int limit) {
        return outbox.conflicts(userId, beforeId, limit);
    }

    @Override
    public List<WriteConflict> conflictsOf(long operationId) {
        return outbox.conflictsOf(operationId);
    }

    @Override
    public void markSourcePending(SyncKey key) {
        outbox.markSourcePending(key);
    }

    @Override
    public boolean clearSourcePending(SyncKey key, Instant seen) {
        return outbox.clearSourcePending(key, seen);
    }
}
