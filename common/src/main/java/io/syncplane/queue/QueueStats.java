package io.syncplane.queue;

import java.util.Map;

/**
 * Sizes for metrics and dashboards.
 *
 * @param ready due and waiting for a worker, per lane
 * @param delayed waiting for their time (scheduled, in backoff, or deferred by the limiter), per lane
 * @param parked waiting for their connection to drop below its concurrency cap
 * @param running under a lease
 * @param dead in the dead-letter set
 */
public record QueueStats(Map<Lane, Long> ready, Map<Lane, Long> delayed, long parked, long running, long dead) {

    public QueueStats {
        ready = Map.copyOf(ready);
        delayed = Map.copyOf(delayed);
    }

    /** Entries waiting, whatever for. */
    public long waiting() {
        return sum(ready) + sum(delayed) + parked;
    }

    /** Every entry the queue holds: waiting, running and dead. */
    public long size() {
        return waiting() + running + dead;
    }

    private static long sum(Map<Lane, Long> perLane) {
        return perLane.values().stream().mapToLong(Long::longValue).sum();
    }
}
