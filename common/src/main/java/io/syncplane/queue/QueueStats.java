package io.syncplane.queue;

import java.util.List;
import java.util.Map;

/**
 * Sizes for metrics and dashboards.
 *
 * @param ready      due now and waiting for a worker, per lane (including delayed entries whose time has come)
 * @param delayed    waiting for their time (scheduled, in backoff, or deferred by the limiter), per lane
 * @param parked     waiting for their connection to drop below its concurrency cap
 * @param running    under a lease
 * @param dead       in the dead-letter set
 * @param runnable   due entries whose connection has a rate-limit token (and a free slot) now: what workers could start
 *                   this second; estimated from a bounded sample when very many are due (see stats.lua)
 * @param partitions the same sizes per partition, in partition order
 */
public record QueueStats(Map<Lane, Long> ready, Map<Lane, Long> delayed, long parked, long running, long dead,
                         long runnable, List<Partition> partitions) {

    public QueueStats {
        ready = Map.copyOf(ready);
        delayed = Map.copyOf(delayed);
        partitions = List.copyOf(partitions);
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

    /** One partition's due and not-yet-due entries, all lanes together. */
    public record Partition(int partition, long ready, long delayed) {
    }
}
