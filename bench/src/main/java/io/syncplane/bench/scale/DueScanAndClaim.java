package io.syncplane.bench.scale;

import io.lettuce.core.RedisClient;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.PostgresSyncRunStore;
import io.syncplane.ledger.PostgresSyncStateScanner;
import io.syncplane.ledger.PostgresSyncStateStore;
import io.syncplane.ledger.ScanPages;
import io.syncplane.ledger.SyncStart;
import io.syncplane.ledger.SyncState;
import io.syncplane.queue.ClaimedJob;
import io.syncplane.queue.EnqueueRequest;
import io.syncplane.queue.QueueSettings;
import io.syncplane.queue.RedisSyncQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One round of the path from "the ledger says it is due" to "a worker holds it": the stale-sync scanner's due scan
 * paging through the ledger and handing each page to the queue (what EnqueueDueSyncsTask does), then a worker claiming
 * the jobs from Redis and taking each in the ledger (the row read and the start transition SyncRunner does before
 * it calls Google). Afterwards the taken rows are put back to due, outside the timing, for the next round.
 */
final class DueScanAndClaim {

    static final int SCAN_PAGE = 500;
    static final int CLAIM_BATCH = 50;
    static final String WORKER = "scale-bench";

    private final ScaleDatabase db;
    private final RedisClient redis;
    private final PostgresSyncStateScanner scanner;
    private final PostgresSyncStateStore states;
    private final Clock clock = Clock.systemUTC();

    DueScanAndClaim(ScaleDatabase db, RedisClient redis) {
        this.db = db;
        this.redis = redis;
        this.scanner = new PostgresSyncStateScanner(db.jdbc);
        this.states = new PostgresSyncStateStore(db.jdbc, db.transactions, new PostgresSyncRunStore(db.jdbc), clock);
    }

    /** Milliseconds of one round's two halves. */
    record Timing(double scanAndEnqueueMs, double claimAndStartMs, int rows) {
        double totalMs() {
            return scanAndEnqueueMs + claimAndStartMs;
        }
    }

    Timing round(int expectedDue) {
        String prefix = "bench:scale:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        try (RedisSyncQueue queue = RedisSyncQueue.connect(redis, QueueSettings.defaults().withKeyPrefix(prefix),
                clock)) {
            long started = System.nanoTime();
            Instant now = clock.instant();
            int scanned = ScanPages.walk((after, limit) -> scanner.due(now, after, limit), SCAN_PAGE,
                    rows -> queue.enqueueAll(rows.stream().map(DueScanAndClaim::request).toList()));
            double scanMs = (System.nanoTime() - started) / 1e6;
            if (scanned != expectedDue) {
                throw new IllegalStateException("the due scan found " + scanned + " rows, expected " + expectedDue
                        + ": the fill or the reset is wrong");
            }

            started = System.nanoTime();
            List<Long> taken = new ArrayList<>(scanned);
            int emptyClaims = 0;
            while (taken.size() < scanned) {
                List<ClaimedJob> jobs = queue.claim(WORKER, CLAIM_BATCH, Duration.ofMinutes(5));
                if (jobs.isEmpty() && ++emptyClaims > 100) {
                    throw new IllegalStateException("the queue handed out " + taken.size() + " of " + scanned);
                }
                for (ClaimedJob job : jobs) {
                    SyncState state = states.find(job.key()).orElseThrow(
                            () -> new IllegalStateException("no ledger row for " + job.key()));
                    SyncState started2 = states.start(state, new SyncStart(WORKER, job.trigger(),
                            clock.instant().plus(Duration.ofMinutes(5))));
                    taken.add(started2.id());
                }
            }
            double claimMs = (System.nanoTime() - started) / 1e6;
            reset(taken);
            return new Timing(scanMs, claimMs, scanned);
        } finally {
            deleteKeys(prefix);
        }
    }

    private static EnqueueRequest request(SyncState state) {
        SyncTrigger trigger = state.consecutiveErrors() > 0 ? SyncTrigger.RECOVERY : SyncTrigger.SCHEDULE;
        return new EnqueueRequest(state.key(), trigger, state.modeOfNextRun(), state.nextSyncAt());
    }

    /** Puts the taken rows back to idle and due, as a completed run that failed to reschedule would leave them. */
    private void reset(List<Long> ids) {
        Long[] array = ids.toArray(Long[]::new);
        db.transactions.executeWithoutResult(s -> {
            db.jdbc.sql("DELETE FROM sync_run WHERE worker_id = ?").param(WORKER).update();
            db.jdbc.sql("UPDATE sync_state SET status = 'idle', lease_owner = NULL, lease_expires_at = NULL, "
                    + "current_run_id = NULL, current_run_mode = NULL, next_sync_at = now() - interval '1 minute', "
                    + "version = version + 1 WHERE id = ANY(?)").param(array).update();
        });
    }

    private void deleteKeys(String prefix) {
        try (var connection = redis.connect()) {
            var sync = connection.sync();
            var cursor = sync.scan(io.lettuce.core.ScanArgs.Builder.matches(prefix + "*").limit(1000));
            while (true) {
                if (!cursor.getKeys().isEmpty()) {
                    sync.unlink(cursor.getKeys().toArray(String[]::new));
                }
                if (cursor.isFinished()) {
                    return;
                }
                cursor = sync.scan(cursor, io.lettuce.core.ScanArgs.Builder.matches(prefix + "*").limit(1000));
            }
        }
    }
}
