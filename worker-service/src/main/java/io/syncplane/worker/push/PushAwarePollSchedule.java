package io.syncplane.worker.push;

import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncState;
import io.syncplane.push.PushChannelStore;
import io.syncplane.push.PushProperties;
import io.syncplane.push.PushStatusResolver;
import io.syncplane.sync.PollSchedule;
import io.syncplane.worker.WorkerProperties;
import java.time.Clock;
import java.time.Duration;

/**
 * The next poll follows the source's push status: healthy push needs only a long safety poll, degraded push is made
 * up for by polling often, and a source without push keeps its configured interval. A degraded poll is never slower
 * than the configured one, nor a safety poll faster, so configuration can only make polling more eager than push.
 */
public final class PushAwarePollSchedule implements PollSchedule {

    private final WorkerProperties worker;
    private final PushProperties push;
    private final PushChannelStore channels;
    private final PushStatusResolver resolver;
    private final Clock clock;

    public PushAwarePollSchedule(WorkerProperties worker, PushProperties push, PushChannelStore channels,
                                 PushStatusResolver resolver, Clock clock) {
        this.worker = worker;
        this.push = push;
        this.channels = channels;
        this.resolver = resolver;
        this.clock = clock;
    }

    @Override
    public Duration intervalAfter(SyncState completing, SyncCounts thisRun) {
        Source source = completing.key().source();
        Duration configured = worker.pollInterval(source);
        if (!push.enabled() || (source != Source.GMAIL && source != Source.CALENDAR)) {
            return configured;
        }
        var active = channels.active(completing.key().connectionId(), source);
        return switch (resolver.resolveAfterRun(completing, thisRun, active, clock.instant())) {
            case ACTIVE -> max(configured, push.safetyPollInterval());
            case DEGRADED -> min(configured, push.degradedPollInterval());
            case DISCONNECTED, POLLED_ONLY -> configured;
        };
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
