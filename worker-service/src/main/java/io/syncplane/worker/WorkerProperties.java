package io.syncplane.worker;

import io.syncplane.domain.Source;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param id                this worker's name in leases and the run log; default host + pid + random suffix
 * @param concurrency       syncs this worker runs at once, not counting those asleep until their user's next request
 *                          permit (see {@code maxWaitingSyncs})
 * @param leaseDuration     how long a claim holds without a heartbeat; a dead worker's syncs come back after it
 * @param heartbeatInterval how often running syncs' leases are extended (well under the lease duration)
 * @param idlePollMax       longest pause between claims when the queue has nothing due
 * @param shutdownGrace     how long a stopping worker waits for running syncs to reach a page boundary
 * @param pollIntervals     per source, how soon after a successful sync the next one is due
 * @param maxWaitingSyncs   syncs that may wait for a request permit with their slot lent to other syncs (default
 *                          4 x concurrency; 0 keeps the slot with the waiting sync). At 1 request/s per user a
 *                          Calendar poll of four calendars sleeps 3 s of its 3.5; holding slots, such sleepers
 *                          starved due syncs of other users
 */
@ConfigurationProperties("syncplane.worker")
public record WorkerProperties(String id, Integer concurrency, Duration leaseDuration, Duration heartbeatInterval,
                               Duration idlePollMax, Duration shutdownGrace, Map<Source, Duration> pollIntervals,
                               Integer maxWaitingSyncs) {

    private static final Map<Source, Duration> DEFAULT_POLL_INTERVALS = Map.of(
            Source.GMAIL, Duration.ofMinutes(5),
            Source.CALENDAR, Duration.ofMinutes(5),
            Source.CONTACTS, Duration.ofMinutes(30),
            Source.TASKS, Duration.ofMinutes(10));

    public WorkerProperties {
        id = id == null || id.isBlank() ? defaultId() : id;
        concurrency = concurrency == null ? 8 : concurrency;
        leaseDuration = leaseDuration == null ? Duration.ofSeconds(60) : leaseDuration;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(15) : heartbeatInterval;
        idlePollMax = idlePollMax == null ? Duration.ofMillis(500) : idlePollMax;
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(20) : shutdownGrace;
        Map<Source, Duration> merged = new EnumMap<>(DEFAULT_POLL_INTERVALS);
        if (pollIntervals != null) {
            merged.putAll(pollIntervals);
        }
        pollIntervals = Map.copyOf(merged);
        if (concurrency < 1) {
            throw new IllegalArgumentException("syncplane.worker.concurrency must be at least 1: " + concurrency);
        }
        maxWaitingSyncs = maxWaitingSyncs == null ? 4 * concurrency : maxWaitingSyncs;
        if (maxWaitingSyncs < 0) {
            throw new IllegalArgumentException("syncplane.worker.max-waiting-syncs must not be negative: "
                    + maxWaitingSyncs);
        }
        if (heartbeatInterval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("syncplane.worker.heartbeat-interval (" + heartbeatInterval
                    + ") must be shorter than the lease duration (" + leaseDuration + ")");
        }
    }


    public Duration pollInterval(Source source) {
        return pollIntervals.get(source);
    }

    private static String defaultId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
