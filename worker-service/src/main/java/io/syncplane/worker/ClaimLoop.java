package io.syncplane.worker;

import io.micrometer.core.instrument.Gauge;
import io.syncplane.concurrent.DaemonThreads;
import io.syncplane.concurrent.SlotLending;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.queue.ClaimedJob;
import io.syncplane.queue.QueueUnavailableException;
import io.syncplane.queue.SyncQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import org.springframework.transaction.TransactionException;

/**
 * Claims due jobs whenever a slot is free and runs them on a bounded pool, keeping their leases alive. Stopping is
 * graceful: no more claims, running syncs are asked to stop at their next page boundary and hand their runs back,
 * and whatever has not finished within the grace period is left to lease expiry, which loses nothing.
 *
 * <p>A slot is work in progress, not a thread: a sync that sleeps until its user's next request permit lends its slot
 * ({@link SlotLending}) to the next due job, up to {@code max-waiting-syncs} such sleepers, and takes a slot back
 * (before any newly claimed job, the semaphore is fair) when its wait is over. Under the default budget of one request
 * per second per user most of a poll is such sleep; held slots made due polls of other users wait to be claimed.
 */
public final class ClaimLoop {

    private static final Logger log = LoggerFactory.getLogger(ClaimLoop.class);
    private static final Duration MIN_IDLE_PAUSE = Duration.ofMillis(10);

    private final SyncQueue queue;
    private final SyncRunner runner;
    private final LeaseKeeper leases;
    private final WorkerProperties properties;
    private final Semaphore slots;
    /** Turns to sleep with the slot lent out: at most {@code maxWaitingSyncs} syncs at once. */
    private final Semaphore lendable;
    private final SlotLending.Lender lender = new SlotLending.Lender() {
        @Override
        public boolean lend() {
            if (!lendable.tryAcquire()) {
                return false;
            }
            slots.release();
            return true;
        }

        @Override
        public void takeBack() {
            // Uninterruptibly: run() gives one slot back when the sync ends, so it must hold one, whatever happened.
            slots.acquireUninterruptibly();
            lendable.release();
        }
    };
    private final Map<ClaimedJob, RunningSync> running = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final ClaimBackoff backoff;
    private final SyncplaneMetrics metrics;
    private ExecutorService workers;
    private ScheduledExecutorService heartbeats;
    private Thread claimer;

    public ClaimLoop(SyncQueue queue, SyncRunner runner, LeaseKeeper leases, WorkerProperties properties) {
        this(queue, runner, leases, properties, SyncplaneMetrics.none());
    }

    /** Claim latency is the claim time minus the job's due time, both by the queue's clock. */
    public ClaimLoop(SyncQueue queue, SyncRunner runner, LeaseKeeper leases, WorkerProperties properties,
                     SyncplaneMetrics metrics) {
        this.metrics = metrics;
        this.queue = queue;
        this.runner = runner;
        this.leases = leases;
        this.properties = properties;
        this.slots = new Semaphore(properties.concurrency(), true);
        this.lendable = new Semaphore(properties.maxWaitingSyncs());
        this.backoff = new ClaimBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        Gauge.builder("syncplane.worker.active.syncs", running, Map::size)
                .description("Syncs running in this worker now").register(metrics.registry());
        Gauge.builder("syncplane.worker.waiting.syncs", lendable,
                        free -> properties.maxWaitingSyncs() - free.availablePermits())
                .description("Syncs of this worker asleep until a request permit, their slots lent to others")
                .register(metrics.registry());
        Gauge.builder("syncplane.worker.capacity.syncs", properties, WorkerProperties::concurrency)
                .description("The most syncs this worker runs at once").strongReference(true)
                .register(metrics.registry());
    }

    public synchronized void start() {
        if (claiming.get()) {
            return;
        }
        shuttingDown.set(false);
        claiming.set(true);
        // a thread for every slot and every sync that may sleep with its slot lent out
        workers = Executors.newFixedThreadPool(properties.concurrency() + properties.maxWaitingSyncs(),
                DaemonThreads.named("sync-"));
        heartbeats = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("lease-heartbeat-"));
        long beat = properties.heartbeatInterval().toMillis();
        heartbeats.scheduleWithFixedDelay(() -> leases.beat(running.values()), beat, beat, TimeUnit.MILLISECONDS);
        claimer = DaemonThreads.named("claim-loop-").newThread(this::claimUntilStopped);
        claimer.start();
        log.info("Worker {} claiming with concurrency {}", properties.id(), properties.concurrency());
    }

    /** Stops claiming and waits up to the grace period for running syncs to hand their runs back. */
    public synchronized void stop() {
        if (!claiming.getAndSet(false)) {
            return;
        }
        shuttingDown.set(true);
        claimer.interrupt();
        workers.shutdown();
        try {
            claimer.join(properties.shutdownGrace().toMillis());
            if (!workers.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} syncs still running after the grace period; their leases will expire", running.size());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeats.shutdownNow();
        }
        log.info("Worker {} stopped", properties.id());
    }

    /** The pause before the next claim because Postgres or Redis failed; zero while all is well. */
    Duration currentBackoff() {
        return backoff.pause();
    }

    /** Syncs running right now. */
    public int runningCount() {
        return running.size();
    }

    private void claimUntilStopped() {
        Duration idle = MIN_IDLE_PAUSE;
        while (claiming.get()) {
            try {
                Duration pause = backoff.pause();
                if (!pause.isZero()) {
                    Thread.sleep(pause.toMillis());
                }
                slots.acquire();
                // Syncs waiting to take their slot back go first: their runs are under way and hold leases.
                int free = 1 + (slots.hasQueuedThreads() ? 0 : slots.drainPermits());
                List<ClaimedJob> claimed = claim(free);
                slots.release(free - claimed.size());
                record(claimed);
                claimed.forEach(this::submit);
                idle = claimed.isEmpty() ? pause(idle) : MIN_IDLE_PAUSE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<ClaimedJob> claim(int max) throws InterruptedException {
        try {
            return queue.claim(properties.id(), max, properties.leaseDuration());
        } catch (QueueUnavailableException e) {
            log.warn("Queue unavailable, backing off: {}", e.getMessage());
            backoff.failed();
            return List.of();
        }
    }

    private void record(List<ClaimedJob> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        metrics.claimed(claimed.size());
        for (ClaimedJob job : claimed) {
            metrics.claimLatency(job.lane(), Duration.between(job.dueAt(), job.claimedAt()));
        }
    }

    private void submit(ClaimedJob job) {
        RunningSync sync = new RunningSync(job, shuttingDown::get, () -> running.keySet().stream()
                .anyMatch(other -> other != job && other.key().equals(job.key())));
        running.put(job, sync);
        try {
            workers.execute(() -> run(job, sync));
        } catch (RejectedExecutionException stopping) {
            running.remove(job);
            slots.release();
            queue.release(job);
        }
    }

    private void run(ClaimedJob job, RunningSync sync) {
        try {
            SlotLending.run(lender, () -> runner.run(sync));
            backoff.succeeded();
        } catch (DataAccessException | TransactionException e) {
            // The ledger is away. Hand the job back without counting an attempt and pause claiming; if the run had
            // started, its ledger lease is ours and the next claim of this job releases it (see SyncRunner).
            log.warn("Ledger unavailable while running {}, backing off: {}", job.key(), e.getMessage());
            backoff.failed();
            releaseQuietly(job);
        } catch (RuntimeException e) {
            // the ledger or queue could not be written: the leases expire and recovery brings the sync back
            log.error("Sync {} ended without settling: {}", job.key(), e.toString());
        } finally {
            running.remove(job);
            slots.release();
        }
    }

    private void releaseQuietly(ClaimedJob job) {
        try {
            queue.release(job);
        } catch (QueueUnavailableException e) {
            log.warn("Could not hand {} back either; its lease will expire: {}", job.key(), e.getMessage());
        }
    }

    /** Doubles the pause while idle, up to the configured maximum; production code may sleep, tests never do. */
    private Duration pause(Duration current) throws InterruptedException {
        Thread.sleep(current.toMillis());
        Duration next = current.multipliedBy(2);
        return next.compareTo(properties.idlePollMax()) > 0 ? properties.idlePollMax() : next;
    }

}
