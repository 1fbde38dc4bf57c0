package io.syncplane.queue;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.time.Instant;
import java.util.Objects;

/**
 * A job a worker holds under a lease. Settle it exactly once (ack, retry, rateLimited or release) and heartbeat it
 * while it runs; the lease token makes a late call from a worker that lost the lease harmless.
 *
 * @param trigger the trigger of the most urgent lane among those merged into this run
 * @param attempt 1 for a first try, n + 1 after n consecutive failures (what {@link BackoffPolicy} wants)
 * @param waitingSince when the entry started waiting
 * @param dueAt when the entry fell due (its due time, kept while the limiter deferred it), for claim-latency metrics
 */
public record ClaimedJob(SyncKey key, SyncTrigger trigger, SyncMode mode, Lane lane, int attempt, String leaseToken,
                         String workerId, Instant claimedAt, Instant waitingSince, Instant dueAt) {

    public ClaimedJob {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(leaseToken, "leaseToken");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(waitingSince, "waitingSince");
        Objects.requireNonNull(dueAt, "dueAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1: " + attempt);
        }
    }

    /** A job due since it started waiting. */
    public ClaimedJob(SyncKey key, SyncTrigger trigger, SyncMode mode, Lane lane, int attempt, String leaseToken,
                      String workerId, Instant claimedAt, Instant waitingSince) {
        this(key, trigger, mode, lane, attempt, leaseToken, workerId, claimedAt, waitingSince, waitingSince);
    }
}
