package io.syncplane.worker.push;

import io.syncplane.ledger.SyncState;
import io.syncplane.push.NewPushChannel;
import io.syncplane.push.PushChannel;
import io.syncplane.push.PushChannelStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one live Calendar channel on the synced calendar. Channels cannot be renewed: the new channel is opened and
 * stored first, then the old one is stopped; until that stop succeeds both rows are active and the webhook accepts
 * notifications from either, so no change falls into a gap. An old channel whose stop failed is stopped again on the
 * next run; one that has expired is gone at Google already and only marked stopped.
 */
public final class CalendarChannelUpkeep {

    /**
     * The one calendar watched. The connector syncs every readable calendar (see CalendarSyncJob), but channels are
     * per calendar and only the primary one has a channel yet: the others' changes arrive with the next poll.
     */
    public static final String SYNCED_CALENDAR = "primary";

    private static final Logger log = LoggerFactory.getLogger(CalendarChannelUpkeep.class);

    private final CalendarChannelCalls calls;
    private final ChannelStopper stopper;
    private final PushChannelStore store;
    private final ChannelSecrets secrets;
    private final RenewalPolicy renewal;
    private final Clock clock;

    public CalendarChannelUpkeep(CalendarChannelCalls calls, ChannelStopper stopper, PushChannelStore store,
                                 ChannelSecrets secrets, RenewalPolicy renewal, Clock clock) {
        this.calls = calls;
        this.stopper = stopper;
        this.store = store;
        this.secrets = secrets;
        this.renewal = renewal;
        this.clock = clock;
    }

    public void maintain(SyncState state, List<PushChannel> active, boolean replaceSilent) throws IOException {
        Instant now = clock.instant();
        PushChannel newest = active.stream().filter(channel -> channel.isLiveAt(now))
                .max(Comparator.comparing(PushChannel::expiresAt)).orElse(null);
        boolean open = newest == null || renewal.calendarDue(newest, now) || replaceSilent;
        PushChannel keep = open ? open(state) : newest;
        for (PushChannel old : active) {
            if (old.id() == keep.id()) {
                continue;
            }
            if (old.isLiveAt(now)) {
                stopper.stop(old);
            } else {
                store.markStopped(old.id()); // lapsed: Google has already forgotten it
            }
        }
    }

    private PushChannel open(SyncState state) throws IOException {
        long connectionId = state.key().connectionId();
        String channelId = secrets.calendarChannelId();
        String token = secrets.token();
        // If storing fails after Google opened the channel, the channel is unknown to us: the webhook refuses its
        // notifications and it lapses at its expiry. Nothing better is possible without a two-phase commit with Google.
        CalendarChannelCalls.OpenedChannel opened = calls.open(connectionId, SYNCED_CALENDAR, channelId, token);
        PushChannel stored = store.insert(NewPushChannel.calendarChannel(connectionId, state.userId(), channelId,
                opened.resourceId(), SYNCED_CALENDAR, PushChannelStore.hashToken(token), opened.expiresAt()));
        log.info("Calendar channel for connection {}: {} until {}", connectionId, channelId, opened.expiresAt());
        return stored;
    }
}
