package io.syncplane.push;

import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides the push status of one (connection, source) from its sync state and its active channels. Pure: the same
 * inputs give the same answer, so the API shows exactly what the worker schedules by.
 *
 * <p>Silence alone is not degradation: a quiet mailbox sends no pushes. A channel counts as silent-and-broken only when
 * the last successful sync found changes more than the silence window after the last sign of life of every channel —
 * changes happened and no push announced them. A push-triggered sync runs moments after its notification, so it never
 * looks like that.
 */
public final class PushStatusResolver {

    private final PushProperties properties;

    public PushStatusResolver(PushProperties properties) {
        this.properties = properties;
    }

    public PushStatus resolve(SyncState state, List<PushChannel> activeChannels, Instant now) {
        return resolve(state, state.lastSuccessfulSyncAt(), state.itemsLastRun(), activeChannels, now);
    }

    /**
     * The status as it will be once {@code completing} (a running sync) succeeds now having found {@code thisRun}:
     * what the worker schedules the next poll by.
     */
    public PushStatus resolveAfterRun(SyncState completing, SyncCounts thisRun, List<PushChannel> activeChannels,
                                      Instant now) {
        return resolve(completing, now, thisRun.total(), activeChannels, now);
    }

    private PushStatus resolve(SyncState state, Instant lastSuccess, long itemsLastRun,
                               List<PushChannel> activeChannels, Instant now) {
        if (state.status() == SyncStatus.NEEDS_REAUTH || state.status() == SyncStatus.DISABLED) {
            return PushStatus.DISCONNECTED;
        }
        if (!pushConfiguredFor(state.key().source())) {
            return PushStatus.POLLED_ONLY;
        }
        Optional<Instant> lastSignal = activeChannels.stream()
                .filter(channel -> channel.source() == state.key().source() && channel.isLiveAt(now))
                .map(PushChannel::lastSignal)
                .max(Comparator.naturalOrder());
        if (lastSignal.isEmpty()) {
            return PushStatus.DEGRADED;
        }
        Duration window = properties.silenceWindow();
        if (!lastSignal.get().plus(window).isBefore(now)) {
            return PushStatus.ACTIVE; // heard from (or created) within the window
        }
        boolean changesWithoutPush = lastSuccess != null && itemsLastRun > 0
                && lastSuccess.isAfter(lastSignal.get().plus(window));
        return changesWithoutPush ? PushStatus.DEGRADED : PushStatus.ACTIVE;
    }

    private boolean pushConfiguredFor(Source source) {
        return switch (source) {
            case GMAIL -> properties.gmailPushConfigured();
            case CALENDAR -> properties.calendarPushConfigured();
            case CONTACTS, TASKS -> false;
        };
    }
}
