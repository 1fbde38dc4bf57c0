package io.syncplane.worker.maintenance;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.push.PushChannel;
import io.syncplane.push.PushChannelStore;
import io.syncplane.queue.EnqueueRequest;
import io.syncplane.queue.SyncQueue;
import io.syncplane.worker.push.RenewalPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Brings forward a run of every source whose channel is due for renewal (or has lapsed); the run renews it
 * ({@link io.syncplane.worker.push.PushChannelUpkeep}), so the watch call goes through the queue's claim and limiter
 * like every other Google call a sync makes. Enqueued runs coalesce with waiting ones, and this runs on the
 * housekeeping interval: a renewal that keeps failing costs at most one extra (cheap, incremental) run per interval.
 */
public class RenewPushChannelsTask {

    private final PushChannelStore channels;
    private final SyncStateStore states;
    private final SyncQueue queue;
    private final RenewalPolicy renewal;
    private final MaintenanceProperties properties;
    private final Clock clock;

    public RenewPushChannelsTask(PushChannelStore channels, SyncStateStore states, SyncQueue queue,
                                 RenewalPolicy renewal, MaintenanceProperties properties, Clock clock) {
        this.channels = channels;
        this.states = states;
        this.queue = queue;
        this.renewal = renewal;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many runs it enqueued. */
    public int run() {
        Instant now = clock.instant();
        Set<SyncKey> due = new LinkedHashSet<>();
        Stream.concat(channels.expiringBefore(renewal.expiryCutoff(now), properties.scanBatch()).stream(),
                        channels.gmailWatchesOlderThan(renewal.gmailWatchedBefore(now), properties.scanBatch()).stream())
                .map(RenewPushChannelsTask::key)
                .forEach(due::add);
        List<EnqueueRequest> requests = due.stream().map(states::find).flatMap(Optional::stream)
                .filter(RenewPushChannelsTask::canRun)
                .map(state -> new EnqueueRequest(state.key(), SyncTrigger.SCHEDULE, state.modeOfNextRun(), now))
                .toList();
        if (!requests.isEmpty()) {
            queue.enqueueAll(requests);
        }
        return requests.size();
    }

    /** Removed or re-authorising sources are not renewed: StopRetiredChannelsTask stops theirs instead. */
    private static boolean canRun(SyncState state) {
        return state.status() != SyncStatus.DISABLED && state.status() != SyncStatus.NEEDS_REAUTH;
    }

    private static SyncKey key(PushChannel channel) {
        return new SyncKey(channel.connectionId(), channel.source());
    }
}
