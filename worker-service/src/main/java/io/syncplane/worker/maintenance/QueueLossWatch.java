package io.syncplane.worker.maintenance;

import io.syncplane.concurrent.DaemonThreads;
import io.syncplane.queue.QueueUnavailableException;
import io.syncplane.queue.SyncQueue;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every worker checks, every couple of seconds, whether Redis lost the queue, and the first to notice rebuilds it
 * from the ledger at once. The scheduled scanner rebuilds it too, but only on JobRunr's master: when the master died
 * with Redis (the fault suite's final run killed it during a Redis outage), no sync started anywhere for 57 s, until
 * JobRunr had timed the dead master out and the new one scanned. Costs one SET NX per tick.
 */
public final class QueueLossWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueLossWatch.class);

    private final SyncQueue queue;
    private final EnqueueDueSyncsTask rebuild;
    private final Duration every;
    private ScheduledExecutorService timer;

    public QueueLossWatch(SyncQueue queue, EnqueueDueSyncsTask rebuild, Duration every) {
        this.queue = queue;
        this.rebuild = rebuild;
        this.every = every;
    }

    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("queue-loss-watch-"));
            timer.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One look; true when this worker found the queue lost and rebuilt it. */
    public boolean check() {
        try {
            if (!queue.claimRebuild()) {
                return false;
            }
            int enqueued = rebuild.run();
            log.warn("Redis had lost the queue; rebuilt it from the ledger here ({} due syncs enqueued)", enqueued);
            return true;
        } catch (QueueUnavailableException e) {
            return false; // Redis is away: the next look after it is back finds it empty
        } catch (RuntimeException e) {
            log.warn("Rebuilding the lost queue failed; the next look or the scanner tries again: {}", e.toString());
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
