package io.syncplane.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncplane.google.GoogleErrors;
import io.syncplane.ledger.IllegalSyncTransitionException;
import io.syncplane.ledger.StaleSyncStateException;
import io.syncplane.ledger.SyncFailure;
import io.syncplane.ledger.SyncStart;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateException;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.limits.RequestBudgetExhaustedException;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.queue.BackoffPolicy;
import io.syncplane.queue.ClaimedJob;
import io.syncplane.queue.QueueUnavailableException;
import io.syncplane.queue.Settlement;
import io.syncplane.queue.SyncQueue;
import io.syncplane.sync.PollSchedule;
import io.syncplane.sync.RateLimitedException;
import io.syncplane.sync.ReauthorizationRequiredException;
import io.syncplane.sync.SyncJob;
import io.syncplane.sync.SyncSession;
import io.syncplane.sync.SyncStoppedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed job from start to settlement. The ledger is always written first and the queue second: if the
 * worker dies between the two, the queue lease expires and the ledger's recovery brings the sync back, so nothing is
 * lost; and because a run's data commits with its checkpoint, running it again never applies a page twice.
 */
public final class SyncRunner {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final SyncStateStore states;
    private final SyncQueue queue;
    private final SyncJobs jobs;
    private final TransactionTemplate transactions;
    private final BackoffPolicy backoff;
    private final WorkerProperties properties;
    private final Clock clock;
    private final SyncplaneMetrics metrics;
    private final PollSchedule polls;
    private final AfterSync afterSync;

    /** A runner that polls at the configured intervals and does nothing after a run (no push). */
    public SyncRunner(SyncStateStore states, SyncQueue queue, SyncJobs jobs, TransactionTemplate transactions,
                      BackoffPolicy backoff, WorkerProperties properties, Clock clock, MeterRegistry meters) {
        this(states, queue, jobs, transactions, backoff, properties, clock, meters,
                (completing, thisRun) -> properties.pollInterval(completing.key().source()), AfterSync.NOTHING);
    }

    public SyncRunner(SyncStateStore states, SyncQueue queue, SyncJobs jobs, TransactionTemplate transactions,
                      BackoffPolicy backoff, WorkerProperties properties, Clock clock, MeterRegistry meters,
                      PollSchedule polls, AfterSync afterSync) {
        this.polls = polls;
        this.afterSync = afterSync;
        this.states = states;
        this.queue = queue;
        this.jobs = jobs;
        this.transactions = transactions;
        this.backoff = backoff;
        this.properties = properties;
        this.clock = clock;
        this.metrics = new SyncplaneMetrics(meters);
    }

    /**
     * Runs and settles the job, recording {@code syncplane_sync_duration_seconds} with the outcome (docs/metrics.md);
     * "error" when the run ended without settling because the ledger or the queue could not be written.
     */
    void run(RunningSync running) {
        ClaimedJob job = running.job();
        long start = System.nanoTime();
        String outcome = "error";
        try {
            outcome = runClaimed(running);
        } finally {
            metrics.syncDuration(job.key().source(), job.mode(), outcome, System.nanoTime() - start);
        }
    }

    private String runClaimed(RunningSync running) {
        ClaimedJob job = running.job();
        Optional<SyncJob> syncJob = jobs.forSource(job.key().source());
        if (syncJob.isPresent()) {
            // The common case costs one statement: a waiting sync starts without being read first. Anything else
            // (running elsewhere, our own orphan, throttled, waiting for the user, gone) is read and decided below.
            Optional<SyncState> started = states.startIfWaiting(job.key(), startNow(job));
            if (started.isPresent()) {
                return begin(started.get(), syncJob.get(), running);
            }
        }
        Optional<SyncState> found = states.find(job.key());
        if (found.isEmpty() || syncJob.isEmpty()) {
            log.warn("Dropping {}: {}", job.key(), found.isEmpty() ? "no sync state" : "no connector for its source");
            queue.ack(job);
            return "dropped";
        }
        SyncState state = found.get();
        Instant now = clock.instant();
        if (state.status() == SyncStatus.NEEDS_REAUTH || state.status() == SyncStatus.DISABLED) {
            queue.ack(job); // nothing can run until the user re-authorises or the source is enabled again
            return "dropped";
        }
        if (state.status() == SyncStatus.SYNCING && state.lease().owner().equals(properties.id())
                && !running.anotherRunHere()) {
            // our own run of this key, orphaned when the ledger failed under it and no longer running here
            state = states.release(state, now);
        }
        if (state.status() == SyncStatus.SYNCING) {
            if (!state.lease().expiredAt(now)) {
                // the queue lost track of a run that is still alive elsewhere (e.g. Redis was flushed): wait for it
                queue.retry(job, "already running on " + state.lease().owner(), state.lease().expiresAt());
                return "deferred";
            }
            state = states.recoverInterrupted(state);
            metrics.syncRecovered();
        }
        if (state.rateLimitedUntil() != null && state.rateLimitedUntil().isAfter(now)) {
            queue.rateLimited(job, state.rateLimitedUntil());
            metrics.rateLimited(job.key().source());
            return "rate_limited";
        }
        SyncState started;
        try {
            started = states.start(state, startNow(job));
        } catch (StaleSyncStateException | IllegalSyncTransitionException e) {
            // changed under us (disabled, reauth, or another run): the next scan sees the truth and re-enqueues
            log.info("Not starting {}: {}", job.key(), e.getMessage());
            queue.ack(job);
            return "dropped";
        }
        return begin(started, syncJob.get(), running);
    }

    private SyncStart startNow(ClaimedJob job) {
        return new SyncStart(properties.id(), job.trigger(), clock.instant().plus(properties.leaseDuration()));
    }

    private String begin(SyncState started, SyncJob syncJob, RunningSync running) {
        ClaimedJob job = running.job();
        running.started(started);
        SyncSession session = new SyncSession(started, states, transactions, clock, polls, running::stopRequested,
                page -> metrics.ingested(job.key().source(), page));
        return execute(syncJob, session, running);
    }

    private String execute(SyncJob syncJob, SyncSession session, RunningSync running) {
        ClaimedJob job = running.job();
        try {
            syncJob.run(session);
            if (session.state().status() != SyncStatus.IDLE) {
                throw new IllegalStateException(syncJob.getClass().getSimpleName() + " returned without completing");
            }
            running.completed();
            runAfterSync(session.state());
            running.settling();
            settleSuccess(job, session.state().nextSyncAt());
            return "succeeded";
        } catch (SyncStoppedException e) {
            // Hand the ledger lease back now, even if the queue lease is already lost, so whoever claims the job
            // next can start at once instead of waiting for the lease to expire; the version check keeps it safe.
            try {
                states.release(session.state(), clock.instant());
            } catch (SyncStateException alreadyTaken) {
                log.info("Run of {} was already taken over: {}", job.key(), alreadyTaken.getMessage());
            }
            queue.release(job);
            return "stopped";
        } catch (RequestBudgetExhaustedException e) {
            // Syncplane's own per-user budget, not Google: no failure and no rate-limited state; the run keeps its last
            // checkpoint and goes on when permits are back, so a throttled user does not hold this worker idle.
            states.release(session.state(), e.retryAt());
            queue.defer(job, e.retryAt());
            return "deferred";
        } catch (RateLimitedException e) {
            states.rateLimit(session.state(), e.retryAt(), e.getMessage());
            queue.rateLimited(job, e.retryAt());
            metrics.rateLimited(job.key().source());
            return "rate_limited";
        } catch (ReauthorizationRequiredException e) {
            states.requireReauthorization(session.state(), e.getMessage());
            queue.ack(job);
            return "needs_reauth";
        } catch (SyncStateException e) {
            // the ledger moved on without us (lease recovered, connection removed): our result is not current
            log.info("Abandoning {}: {}", job.key(), e.getMessage());
            queue.ack(job);
            return "lost_lease";
        } catch (Exception e) {
            return fail(session, job, e);
        }
    }

    /**
     * Tells the queue about a success the ledger already holds. The next run travels with this completion, so
     * scheduling needs no live scanner (JobRunr's master); the scanner only repairs what Redis lost. If Redis is away
     * now, the run is still a success: the ledger has its result and next due time, and the stale-sync scanner
     * enqueues it again from there (the lease, if Redis kept it, expires), so nothing is lost and nothing is failed.
     */
    private void settleSuccess(ClaimedJob job, Instant next) {
        try {
            if (next == null) {
                queue.ack(job);
            } else {
                queue.ackAndSchedule(job, next);
            }
        } catch (QueueUnavailableException e) {
            log.warn("Sync {} succeeded but the queue could not be told ({}); the scanner schedules its next run from "
                    + "the ledger", job.key(), e.getMessage());
        }
    }

    /** The sync has committed; what follows (e.g. push channel upkeep) can fail without making it a failed run. */
    private void runAfterSync(SyncState completed) {
        try {
            afterSync.succeeded(completed);
        } catch (Exception e) {
            log.warn("After-sync work for {} failed; the next run tries again: {}", completed.key(),
                    GoogleErrors.describe(e));
        }
    }

    private String fail(SyncSession session, ClaimedJob job, Exception error) {
        Instant now = clock.instant();
        int failures = session.state().consecutiveErrors() + 1;
        Instant retryAt = backoff.nextAttemptAt(failures, now, GoogleErrors.explicitRetryAt(error, now));
        String description = GoogleErrors.describe(error);
        log.warn("Sync {} failed (attempt {}), retrying at {}: {}", job.key(), failures, retryAt, description);
        states.fail(session.state(), new SyncFailure(description, retryAt));
        Settlement settled = queue.retry(job, description, retryAt);
        if (settled == Settlement.DEAD_LETTERED) {
            metrics.deadLettered(job.key().source());
            return "dead_lettered";
        }
        if (settled == Settlement.LEASE_LOST) {
            return "lost_lease";
        }
        metrics.retried(job.key().source());
        return "retried";
    }
}
