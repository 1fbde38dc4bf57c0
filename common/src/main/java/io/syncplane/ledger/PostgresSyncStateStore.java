package io.syncplane.ledger;

import static io.syncplane.persistence.JdbcTime.timestamp;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link SyncStateStore} on Postgres. Each transition is one compare-and-set UPDATE on (id, version); where it also
 * writes the run log, that write rides in the same statement (a data-modifying CTE), so a transition costs one round
 * trip, in one transaction that joins the caller's if there is one.
 */
public final class PostgresSyncStateStore implements SyncStateStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresSyncStateStore.class);

    /** The statuses the state machine lets START from, as stored. */
    private static final List<String> STARTABLE = Arrays.stream(SyncStatus.values())
            .filter(status -> status != SyncStatus.SYNCING && SyncStateMachine.isAllowed(status, SyncEvent.START))
            .map(SyncStatus::id).toList();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PostgresSyncRunStore runs;
    private final Clock clock;

    public PostgresSyncStateStore(JdbcClient jdbc, TransactionTemplate transactions, PostgresSyncRunStore runs,
                                  Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public SyncState register(SyncKey key, long userId, Instant firstDueAt) {
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO sync_state (connection_id, user_id, source, status, next_sync_at, created_at, updated_at)"
                        + " VALUES (?, ?, ?, 'idle', ?, ?, ?) ON CONFLICT (connection_id, source) DO NOTHING")
                .params(key.connectionId(), userId, key.source().id(), timestamp(firstDueAt), timestamp(now),
                        timestamp(now))
                .update();
        return get(key);
    }

    @Override
    public Optional<SyncState> find(SyncKey key) {
        return jdbc.sql("SELECT " + SyncStateRowMapper.COLUMNS + " FROM sync_state WHERE connection_id = ? AND source = ?")
                .params(key.connectionId(), key.source().id())
                .query(SyncStateRowMapper.INSTANCE).optional();
    }

    @Override
    public List<SyncState> findByConnection(long connectionId) {
        return jdbc.sql("SELECT " + SyncStateRowMapper.COLUMNS + " FROM sync_state WHERE connection_id = ? ORDER BY source")
                .param(connectionId).query(SyncStateRowMapper.INSTANCE).list();
    }

    @Override
    public SyncState start(SyncState current, SyncStart start) {
        Instant now = clock.instant();
        SyncStateMachine.next(current, SyncEvent.START); // refuse before writing the run row
        return inTransaction(() -> {
            long runId = runs.insertRunning(current, start.trigger(), start.workerId(), now);
            return persist(current, SyncTransitions.start(current, start, runId, now));
        });
    }

    /**
     * The state machine's START guard and {@link SyncTransitions#start} as one statement: the compare-and-set is on
     * the row's status (and its rate limit) rather than on a version read earlier, and the run row is inserted by the
     * same statement with the id the state now points at. A concurrent transition makes the UPDATE re-check the
     * new row, so two workers can never both start it. {@code SyncStateStoreContract} holds the result equal to what
     * {@link #start} makes from the same state.
     */
    @Override
    public Optional<SyncState> startIfWaiting(SyncKey key, SyncStart start) {
        Instant now = clock.instant();
        return jdbc.sql("WITH started AS (UPDATE sync_state SET status = :syncing, last_sync_at = :now, "
                        + "current_run_id = nextval(pg_get_serial_sequence('sync_run', 'id')), "
                        + "lease_owner = :owner, lease_expires_at = :leaseExpiresAt, updated_at = :now, "
                        + "version = version + 1 "
                        + "WHERE connection_id = :connectionId AND source = :source AND status IN (:startable) "
                        + "AND (rate_limited_until IS NULL OR rate_limited_until <= :now) "
                        + "RETURNING " + SyncStateRowMapper.COLUMNS + "), "
                        + "run AS (INSERT INTO sync_run (id, sync_state_id, connection_id, source, trigger, mode, "
                        + "worker_id, started_at, outcome) OVERRIDING SYSTEM VALUE "
                        + "SELECT current_run_id, id, connection_id, source, :trigger, "
                        + "CASE WHEN sync_cursor IS NULL THEN :full ELSE :incremental END, :owner, :now, 'running' "
                        + "FROM started) "
                        + "SELECT " + SyncStateRowMapper.COLUMNS + " FROM started")
                .param("syncing", SyncStatus.SYNCING.id())
                .param("now", timestamp(now))
                .param("owner", start.workerId())
                .param("leaseExpiresAt", timestamp(start.leaseExpiresAt()))
                .param("connectionId", key.connectionId())
                .param("source", key.source().id())
                .param("startable", STARTABLE)
                .param("trigger", start.trigger().id())
                .param("full", SyncMode.FULL.id())
                .param("incremental", SyncMode.INCREMENTAL.id())
                .query(SyncStateRowMapper.INSTANCE).optional();
    }

    @Override
    public SyncState extendLease(SyncState current, Instant expiresAt) {
        if (current.lease() == null) {
            throw new LeaseLostException(current.key(), "(none)");
        }
        int updated = jdbc.sql("UPDATE sync_state SET lease_expires_at = ? WHERE id = ? AND status = 'syncing'"
                        + " AND lease_owner = ? AND current_run_id = ?")
                .params(timestamp(expiresAt), current.id(), current.lease().owner(), current.currentRunId())
                .update();
        if (updated == 0) {
            throw new LeaseLostException(current.key(), current.lease().owner());
        }
        return current.withLeaseExpiry(expiresAt);
    }

    @Override
    public SyncState checkpoint(SyncState current, SyncCheckpoint checkpoint) {
        return inTransaction(() -> persist(current, SyncTransitions.checkpoint(current, checkpoint, clock.instant()),
                "", null, current.currentRunId() == null ? null
                        : PostgresSyncRunStore.countPage(current.currentRunId())));
    }

    @Override
    public SyncState clearCursor(SyncState current, String reason) {
        log.info("Clearing the cursor of {} for a full sync: {}", current.key(), reason);
        return clearCursor(current, false);
    }

    @Override
    public SyncState forceFullResync(SyncState current, String reason) {
        log.info("Forced full resync of {}: {}", current.key(), reason);
        SyncState cleared = clearCursor(current, true);
        return cleared.status() == SyncStatus.SYNCING ? cleared : schedule(cleared, clock.instant());
    }

    private SyncState clearCursor(SyncState current, boolean force) {
        SyncState next = SyncTransitions.clearCursor(current, force, clock.instant());
        return inTransaction(() -> persist(current, next, "", null, current.currentRunId() == null ? null
                : PostgresSyncRunStore.markFull(current.currentRunId())));
    }

    @Override
    public SyncState complete(SyncState current, SyncCompletion completion) {
        Instant now = clock.instant();
        SyncState next = SyncTransitions.complete(current, completion, now);
        // The warning (skipped items, the safety valve) goes into the run's record too: the sync state's copy is
        // overwritten by the next run, the run log keeps it.
        return endingRun(current, next, SyncRunOutcome.SUCCEEDED, completion.counts(), completion.examined(),
                completion.warning(), now);
    }

    @Override
    public SyncState fail(SyncState current, SyncFailure failure) {
        Instant now = clock.instant();
        SyncState next = SyncTransitions.fail(current, failure, now);
        return endingRun(current, next, SyncRunOutcome.FAILED, countsSoFar(current), examinedSoFar(current),
                failure.error(), now);
    }

    @Override
    public SyncState rateLimit(SyncState current, Instant until, String reason) {
        Instant now = clock.instant();
        SyncState next = SyncTransitions.rateLimit(current, until, reason, now);
        return endingRun(current, next, SyncRunOutcome.RATE_LIMITED, countsSoFar(current), examinedSoFar(current),
                reason, now);
    }

    @Override
    public SyncState release(SyncState current, Instant nextSyncAt) {
        Instant now = clock.instant();
        SyncState next = SyncTransitions.release(current, nextSyncAt, now);
        return endingRun(current, next, SyncRunOutcome.RELEASED, countsSoFar(current), examinedSoFar(current),
                null, now);
    }

    @Override
    public SyncState recoverInterrupted(SyncState current) {
        Instant now = clock.instant();
        SyncState next = SyncTransitions.recoverInterrupted(current, now);
        // The lease must still be expired in the row itself: a heartbeat may have landed since it was read.
        return inTransaction(() -> persist(current, next, " AND lease_expires_at < :now", now,
                PostgresSyncRunStore.end(current.currentRunId(), SyncRunOutcome.INTERRUPTED, countsSoFar(current),
                        examinedSoFar(current), next.lastError(), now)));
    }

    @Override
    public SyncState requireReauthorization(SyncState current, String reason) {
        Instant now = clock.instant();
        SyncState next = SyncTransitions.requireReauthorization(current, reason, now);
        return endingRun(current, next, SyncRunOutcome.NEEDS_REAUTH, countsSoFar(current), examinedSoFar(current),
                reason, now);
    }

    @Override
    public SyncState reauthorize(SyncState current, Instant nextSyncAt) {
        return inTransaction(() -> persist(current, SyncTransitions.reauthorize(current, nextSyncAt, clock.instant())));
    }

    @Override
    public SyncState schedule(SyncState current, Instant dueAt) {
        return inTransaction(() -> persist(current, SyncTransitions.schedule(current, dueAt, clock.instant())));
    }

    @Override
    public SyncState disable(SyncState current, String reason) {
        Instant now = clock.instant();
        SyncState next = SyncTransitions.disable(current, reason, now);
        return endingRun(current, next, SyncRunOutcome.CANCELLED, countsSoFar(current), examinedSoFar(current),
                reason, now);
    }

    @Override
    public SyncState enable(SyncState current, Instant nextSyncAt) {
        return inTransaction(() -> persist(current, SyncTransitions.enable(current, nextSyncAt, clock.instant())));
    }

    private SyncState endingRun(SyncState current, SyncState next, SyncRunOutcome outcome, SyncCounts counts,
                                long examined, String error, Instant now) {
        return inTransaction(() -> persist(current, next, "", null, current.currentRunId() == null ? null
                : PostgresSyncRunStore.end(current.currentRunId(), outcome, counts, examined, error, now)));
    }

    private static SyncCounts countsSoFar(SyncState state) {
        return state.checkpoint() == null ? SyncCounts.ZERO : state.checkpoint().counts();
    }

    private static long examinedSoFar(SyncState state) {
        return state.checkpoint() == null ? 0 : state.checkpoint().examined();
    }

    private SyncState persist(SyncState current, SyncState next) {
        return persist(current, next, "", null, null);
    }

    /**
     * The compare-and-set UPDATE of the state; with {@code run}, the run log's change in the same statement, applied
     * only if the state's update was.
     */
    private SyncState persist(SyncState current, SyncState next, String extraCondition, Instant now,
                              PostgresSyncRunStore.RunUpdate run) {
        Map<String, Object> p = columnValues(next);
        p.put("id", current.id());
        p.put("expectedVersion", current.version());
        p.put("now", timestamp(now));
        String update = "UPDATE sync_state SET status = :status, sync_cursor = :cursor, "
                        + "next_sync_at = :nextSyncAt, last_sync_at = :lastSyncAt, "
                        + "last_successful_sync_at = :lastSuccessfulSyncAt, consecutive_errors = :consecutiveErrors, "
                        + "last_error = :lastError, last_error_at = :lastErrorAt, rate_limited_until = :rateLimitedUntil, "
                        + "items_last_run = :itemsLastRun, items_total = :itemsTotal, checkpoint_phase = :cpPhase, "
                        + "checkpoint_page_token = :cpPageToken, checkpoint_pending_cursor = :cpPendingCursor, "
                        + "checkpoint_items_added = :cpAdded, checkpoint_items_updated = :cpUpdated, "
                        + "checkpoint_items_deleted = :cpDeleted, checkpoint_items_examined = :cpExamined, "
                        + "checkpoint_items_estimated = :cpEstimated, checkpoint_generation = :cpGeneration, "
                        + "checkpoint_skipped_count = :cpSkippedCount, checkpoint_skipped_ids = :cpSkippedIds, "
                        + "checkpoint_skipped_reasons = :cpSkippedReasons, "
                        + "checkpoint_at = :cpAt, current_run_id = :currentRunId, lease_owner = :leaseOwner, "
                        + "lease_expires_at = :leaseExpiresAt, force_full_sync = :forceFullSync, "
                        + "updated_at = :updatedAt, version = :version "
                        + "WHERE id = :id AND version = :expectedVersion" + extraCondition;
        int updated;
        if (run == null) {
            updated = jdbc.sql(update).params(p).update();
        } else {
            p.putAll(run.params());
            updated = jdbc.sql("WITH moved AS (" + update + " RETURNING id), run AS (" + run.sql()
                    + " AND EXISTS (SELECT 1 FROM moved)) SELECT count(*) FROM moved")
                    .params(p).query(Integer.class).single();
        }
        if (updated == 0) {
            throw whyNotUpdated(current);
        }
        return next;
    }

    /** The only conditional update with an unchanged version is the recovery, whose lease a heartbeat renewed. */
    private SyncStateException whyNotUpdated(SyncState current) {
        Optional<Long> actualVersion = jdbc.sql("SELECT version FROM sync_state WHERE id = ?")
                .param(current.id()).query(Long.class).optional();
        if (actualVersion.isEmpty()) {
            return new SyncStateNotFoundException(current.key());
        }
        if (actualVersion.get() != current.version()) {
            return new StaleSyncStateException(current.key(), current.version(), actualVersion.get());
        }
        return new IllegalSyncTransitionException(current.key(), current.status(), SyncEvent.RECOVER_INTERRUPTED,
                "the lease was renewed since it was read");
    }

    private static Map<String, Object> columnValues(SyncState s) {
        Map<String, Object> p = new HashMap<>();
        p.put("status", s.status().id());
        p.put("cursor", s.cursor());
        p.put("nextSyncAt", timestamp(s.nextSyncAt()));
        p.put("lastSyncAt", timestamp(s.lastSyncAt()));
        p.put("lastSuccessfulSyncAt", timestamp(s.lastSuccessfulSyncAt()));
        p.put("consecutiveErrors", s.consecutiveErrors());
        p.put("lastError", s.lastError());
        p.put("lastErrorAt", timestamp(s.lastErrorAt()));
        p.put("rateLimitedUntil", timestamp(s.rateLimitedUntil()));
        p.put("itemsLastRun", s.itemsLastRun());
        p.put("itemsTotal", s.itemsTotal());
        SyncCheckpoint cp = s.checkpoint();
        p.put("cpPhase", cp == null ? null : cp.phase());
        p.put("cpPageToken", cp == null ? null : cp.pageToken());
        p.put("cpPendingCursor", cp == null ? null : cp.pendingCursor());
        p.put("cpAdded", cp == null ? null : cp.counts().added());
        p.put("cpUpdated", cp == null ? null : cp.counts().updated());
        p.put("cpDeleted", cp == null ? null : cp.counts().deleted());
        p.put("cpExamined", cp == null ? null : cp.examined());
        p.put("cpEstimated", cp == null ? null : cp.estimatedTotal());
        SkippedSoFar skipped = cp == null ? SkippedSoFar.NONE : cp.skipped();
        p.put("cpSkippedCount", skipped.isEmpty() ? null : skipped.count());
        p.put("cpSkippedIds", skipped.isEmpty() ? null
                : skipped.first().stream().map(SkippedSoFar.Item::id).toArray(String[]::new));
        p.put("cpSkippedReasons", skipped.isEmpty() ? null
                : skipped.first().stream().map(SkippedSoFar.Item::reason).toArray(String[]::new));
        p.put("cpGeneration", cp == null ? null : cp.generation());
        p.put("cpAt", cp == null ? null : timestamp(cp.at()));
        p.put("currentRunId", s.currentRunId());
        p.put("leaseOwner", s.lease() == null ? null : s.lease().owner());
        p.put("leaseExpiresAt", s.lease() == null ? null : timestamp(s.lease().expiresAt()));
        p.put("forceFullSync", s.forceFullSync());
        p.put("updatedAt", timestamp(s.updatedAt()));
        p.put("version", s.version());
        return p;
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }
}
