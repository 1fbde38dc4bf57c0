package io.syncplane.queue;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The fast path between triggers and workers: one entry per (connection, source), handed to workers as leases under
 * per-connection rate limits and concurrency caps. Postgres (the ledger) stays the truth; everything here can be lost
 * and rebuilt by the stale-sync scanner, so callers write the ledger first and the queue second.
 *
 * <p>Every method may throw {@link QueueUnavailableException} when the backend cannot be reached; callers back off
 * and retry, the queue recovers on its own when the backend returns.
 */
public interface SyncQueue extends AutoCloseable {

    /**
     * Asks for a run. An entry already waiting coalesces (earliest due time, but never ahead of a pending backoff; the
     * most urgent lane; FULL over INCREMENTAL). While the job runs, the trigger marks it pending: exactly one more run
     * follows. A push is debounced: it does not start a run sooner than the debounce window after the last
     * push-triggered run of the same entry started.
     */
    default EnqueueOutcome enqueue(SyncKey key, SyncTrigger trigger, SyncMode mode, Instant dueAt) {
        return enqueueAll(List.of(new EnqueueRequest(key, trigger, mode, dueAt))).get(0);
    }

    /** {@link #enqueue} for many triggers at once (the stale-sync scanner's rebuild); outcomes in request order. */
    List<EnqueueOutcome> enqueueAll(List<EnqueueRequest> requests);

    /**
     * Leases up to {@code max} due jobs to {@code workerId}, interactive lane first without starving the others, never
     * a job whose connection is out of tokens (it is deferred to when tokens are back) or at its concurrency cap (it
     * waits for a slot). Returns at once, possibly empty.
     */
    List<ClaimedJob> claim(String workerId, int max, Duration leaseFor);

    /** Extends the lease to now + {@code leaseFor}, or says it is lost. */
    LeaseStatus heartbeat(ClaimedJob job, Duration leaseFor);

    /** The run succeeded: {@link Settlement#DONE}, {@link Settlement#REQUEUED} or {@link Settlement#LEASE_LOST}. */
    default Settlement ack(ClaimedJob job) {
        return ackAll(List.of(job)).get(0);
    }

    /** {@link #ack} for many jobs in few round trips; settlements in job order. */
    default List<Settlement> ackAll(List<ClaimedJob> jobs) {
        try {
            return ackAllAsync(jobs).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * {@link #ackAll} without waiting: the acks leave at once, and the worker's next call (typically its next claim)
     * follows right behind them, so a busy worker loop waits for one round trip per batch instead of two. The future
     * completes with the settlements in job order, or fails with {@link QueueUnavailableException}.
     */
    CompletableFuture<List<Settlement>> ackAllAsync(List<ClaimedJob> jobs);

    /**
     * The run succeeded and the ledger scheduled the source's next run for {@code nextRunAt}: a trigger that arrived
     * meanwhile becomes the next waiting entry ({@link Settlement#REQUEUED}, as with {@link #ack}; its own completion
     * schedules the one after), otherwise the entry waits, scheduled, until then ({@link Settlement#SCHEDULED}). The next
     * run thus travels with the completion, and no scanner has to be alive for it; {@link Settlement#LEASE_LOST} when
     * the lease is not this worker's any more.
     */
    Settlement ackAndSchedule(ClaimedJob job, Instant nextRunAt);

    /**
     * The run failed: one more consecutive failure, then waiting until {@code retryAt} (see {@link BackoffPolicy}), or
     * dead-lettered with {@code error} once the limit is reached.
     */
    Settlement retry(ClaimedJob job, String error, Instant retryAt);

    /**
     * Google said slow down: the job waits until {@code until} without counting a failure, and the connection's bucket
     * is pushed to {@code until} so its other sources wait as well. Returns {@link Settlement#DEFERRED}.
     */
    Settlement rateLimited(ClaimedJob job, Instant until);

    /**
     * The user's own request budget ran out mid-run (Syncplane's per-user limit, not Google's): the job waits until
     * {@code until} without counting a failure. Unlike {@link #rateLimited} the connection's bucket is left alone, so
     * its other sources may still start; the budget decides which of their requests go. {@link Settlement#DEFERRED}.
     */
    Settlement defer(ClaimedJob job, Instant until);

    /** Hands an unfinished job back (graceful shutdown) without counting anything; {@link Settlement#RELEASED}. */
    Settlement release(ClaimedJob job);

    /**
     * Takes back up to {@code max} leases that expired (their worker died), counting each as a failure so a job that
     * kills its worker ends in the dead-letter set. Call it periodically, well within the lease duration.
     */
    List<ReclaimedLease> reclaimExpiredLeases(int max);

    /** Dead letters, newest first. */
    DeadLetterPage deadLetters(int offset, int limit);

    /** Puts a dead-lettered job back to waiting, due now, failures reset; false if it was not dead-lettered. */
    boolean redrive(SyncKey key);

    QueueStats stats();

    /**
     * Whether the backend lost the queue (restarted empty, flushed) since it was last set up, answered true to exactly
     * one caller per loss, which then rebuilds it from the ledger. Lets every worker notice the loss at once rather
     * than leave the rebuild to whichever process runs the scheduled scanner (JobRunr's master, which may be the
     * process that died with it).
     */
    boolean claimRebuild();

    @Override
    void close();
}
