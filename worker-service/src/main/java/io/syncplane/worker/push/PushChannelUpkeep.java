package io.syncplane.worker.push;

import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncState;
import io.syncplane.push.PushChannel;
import io.syncplane.push.PushChannelStore;
import io.syncplane.push.PushProperties;
import io.syncplane.push.PushStatus;
import io.syncplane.push.PushStatusResolver;
import io.syncplane.worker.AfterSync;
import java.time.Clock;
import java.util.List;

/**
 * After every successful Gmail or Calendar run: registers a channel when the source has none that is live, renews one
 * that is due, and replaces one that has gone silent while the run found changes push never announced.
 *
 * <p>Why inside the run rather than a job of its own: a run holds the queue's claim on its (connection, source), so
 * the watch call (100 Gmail units) is paced by the same per-connection limiter and concurrency cap as the syncs, never
 * races a sync of the same source, and happens only for a connection whose grant was just proven to work. The first
 * registration follows the first successful sync naturally; renewals are brought forward by
 * {@link io.syncplane.worker.maintenance.RenewPushChannelsTask}, which enqueues a run instead of calling Google itself.
 */
public final class PushChannelUpkeep implements AfterSync {

    private final PushProperties properties;
    private final PushChannelStore store;
    private final PushStatusResolver resolver;
    private final GmailWatchUpkeep gmail;
    private final CalendarChannelUpkeep calendar;
    private final Clock clock;

    public PushChannelUpkeep(PushProperties properties, PushChannelStore store, PushStatusResolver resolver,
                             GmailWatchUpkeep gmail, CalendarChannelUpkeep calendar, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.resolver = resolver;
        this.gmail = gmail;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Override
    public void succeeded(SyncState completed) throws Exception {
        Source source = completed.key().source();
        boolean configured = source == Source.GMAIL ? properties.gmailPushConfigured()
                : source == Source.CALENDAR && properties.calendarPushConfigured();
        if (!configured) {
            return;
        }
        List<PushChannel> active = store.active(completed.key().connectionId(), source);
        boolean silent = isSilent(completed, active);
        if (source == Source.GMAIL) {
            gmail.maintain(completed, active, silent);
        } else {
            calendar.maintain(completed, active, silent);
        }
    }

    /**
     * A live channel that the resolver calls degraded has gone silent while changes happened (no channel or expired
     * ones are registered anyway). Only channels older than the silence window qualify, so a replacement is given a
     * full window to prove itself before it can be replaced in turn.
     */
    private boolean isSilent(SyncState completed, List<PushChannel> active) {
        var now = clock.instant();
        boolean anyLive = active.stream().anyMatch(channel -> channel.isLiveAt(now));
        boolean allOld = active.stream().allMatch(channel ->
                channel.createdAt().plus(properties.silenceWindow()).isBefore(now));
        return anyLive && allOld && resolver.resolve(completed, active, now) == PushStatus.DEGRADED;
    }
}
