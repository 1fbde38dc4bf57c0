package io.syncplane.ledger;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the ledger: what has been synced for one (connection, source), with which cursor, in what state, and when
 * it is next due. Immutable; the store hands back a new value after every transition, with a new {@link #version()}.
 */
public record SyncState(
        long id,
        SyncKey key,
        long userId,
        SyncStatus status,
        String cursor,
        Instant nextSyncAt,
        Instant lastSyncAt,
        Instant lastSuccessfulSyncAt,
        int consecutiveErrors,
        String lastError,
        Instant lastErrorAt,
        Instant rateLimitedUntil,
        long itemsLastRun,
        long itemsTotal,
        SyncCheckpoint checkpoint,
        Long currentRunId,
        SyncLease lease,
        boolean forceFullSync,
        Instant outboxPendingSince,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public SyncState {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        if ((status == SyncStatus.SYNCING) != (lease != null)) {
            throw new IllegalArgumentException("a lease exists exactly while syncing: " + status + " / " + lease);
        }
    }

    /**
     * Set while applications have changes waiting to be sent to Google (the outbox, io.syncplane.writeback): the
     * started sync sends them first. Read with the row, so a sync with nothing to send pays no statement for it.
     * Transitions carry it over unchanged; only the outbox sets and clears it, in its own statements.
     */
    public boolean hasOutboundPending() {
        return outboxPendingSince != null;
    }

    /** The next run (or the running one) reads everything: there is no cursor to continue from. */
    public SyncMode modeOfNextRun() {
        return cursor == null ? SyncMode.FULL : SyncMode.INCREMENTAL;
    }

    public boolean isDueAt(Instant now) {
        return nextSyncAt != null && !nextSyncAt.isAfter(now)
                && (status == SyncStatus.IDLE || status == SyncStatus.ERROR || status == SyncStatus.RATE_LIMITED);
    }

    /** The same state with its lease moved: a heartbeat, which is not a versioned transition. */
    SyncState withLeaseExpiry(Instant expiresAt) {
        return new SyncState(id, key, userId, status, cursor, nextSyncAt, lastSyncAt, lastSuccessfulSyncAt,
                consecutiveErrors, lastError, lastErrorAt, rateLimitedUntil, itemsLastRun, itemsTotal, checkpoint,
                currentRunId, new SyncLease(lease.owner(), expiresAt), forceFullSync, outboxPendingSince, createdAt,
                updatedAt, version);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-and-change for the store's transitions; package-private because only the store makes new states. */
    static final class Builder {
        private final SyncState from;
        private SyncStatus status;
        private String cursor;
        private Instant nextSyncAt;
        private Instant lastSyncAt;
        private Instant lastSuccessfulSyncAt;
        private int consecutiveErrors;
        private String lastError;
        private Instant lastErrorAt;
        private Instant rateLimitedUntil;
        private long itemsLastRun;
        private long itemsTotal;
        private SyncCheckpoint checkpoint;
        private Long currentRunId;
        private SyncLease lease;
        private boolean forceFullSync;
        private Instant updatedAt;

        private Builder(SyncState s) {
            from = s;
            status = s.status;
            cursor = s.cursor;
            nextSyncAt = s.nextSyncAt;
            lastSyncAt = s.lastSyncAt;
            lastSuccessfulSyncAt = s.lastSuccessfulSyncAt;
            consecutiveErrors = s.consecutiveErrors;
            lastError = s.lastError;
            lastErrorAt = s.lastErrorAt;
            rateLimitedUntil = s.rateLimitedUntil;
            itemsLastRun = s.itemsLastRun;
            itemsTotal = s.itemsTotal;
            checkpoint = s.checkpoint;
            currentRunId = s.currentRunId;
            lease = s.lease;
            forceFullSync = s.forceFullSync;
            updatedAt = s.updatedAt;
        }

        Builder status(SyncStatus value) {
            status = value;
            return this;
        }

        Builder cursor(String value) {
            cursor = value;
            return this;
        }

        Builder nextSyncAt(Instant value) {
            nextSyncAt = value;
            return this;
        }

        Builder lastSyncAt(Instant value) {
            lastSyncAt = value;
            return this;
        }

        Builder lastSuccessfulSyncAt(Instant value) {
            lastSuccessfulSyncAt = value;
            return this;
        }

        Builder consecutiveErrors(int value) {
            consecutiveErrors = value;
            return this;
        }

        Builder error(String message, Instant at) {
            lastError = message;
            lastErrorAt = at;
            return this;
        }

        Builder rateLimitedUntil(Instant value) {
            rateLimitedUntil = value;
            return this;
        }

        Builder items(long lastRun, long total) {
            itemsLastRun = lastRun;
            itemsTotal = total;
            return this;
        }

        Builder checkpoint(SyncCheckpoint value) {
            checkpoint = value;
            return this;
        }

        Builder run(Long runId, SyncLease value) {
            currentRunId = runId;
            lease = value;
            return this;
        }

        Builder forceFullSync(boolean value) {
            forceFullSync = value;
            return this;
        }

        Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        SyncState build() {
            return new SyncState(from.id, from.key, from.userId, status, cursor, nextSyncAt, lastSyncAt,
                    lastSuccessfulSyncAt, consecutiveErrors, lastError, lastErrorAt, rateLimitedUntil, itemsLastRun,
                    itemsTotal, checkpoint, currentRunId, lease, forceFullSync, from.outboxPendingSince, from.createdAt,
                    updatedAt, from.version + 1);
        }
    }
}
