package io.syncplane.api.sync;

import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncState;
import io.syncplane.push.PushChannel;
import io.syncplane.push.PushChannelStore;
import io.syncplane.push.PushStatus;
import io.syncplane.push.PushStatusResolver;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The push part of a source's view, through the same {@link PushStatusResolver} the worker schedules polls by, so the
 * API shows what actually happens. Reads push_channel in the caller's transaction (row-level security applies).
 */
public final class PushStatusView {

    private final PushChannelStore channels;
    private final PushStatusResolver resolver;
    private final Clock clock;

    public PushStatusView(PushChannelStore channels, PushStatusResolver resolver, Clock clock) {
        this.channels = channels;
        this.resolver = resolver;
        this.clock = clock;
    }

    public SourceStateView.Push of(SyncState state) {
        Source source = state.key().source();
        Instant now = clock.instant();
        if (source != Source.GMAIL && source != Source.CALENDAR) {
            // Google has no push for these; no query needed to know it
            return new SourceStateView.Push(resolver.resolve(state, List.of(), now).id(), null, null);
        }
        List<PushChannel> active = channels.active(state.key().connectionId(), source);
        PushStatus status = resolver.resolve(state, active, now);
        List<PushChannel> live = active.stream().filter(channel -> channel.isLiveAt(now)).toList();
        Instant lastNotification = live.stream().map(PushChannel::lastNotificationAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return new SourceStateView.Push(status.id(), expiry(live), lastNotification);
    }

    /**
     * Per watched calendar the newest channel counts (during a renewal the old one overlaps it); across calendars the
     * soonest expiry, the one that lapses first if renewal fails.
     */
    private static Instant expiry(List<PushChannel> live) {
        Map<String, Instant> newestPerResource = live.stream().collect(Collectors.toMap(
                channel -> channel.calendarId() == null ? "" : channel.calendarId(), PushChannel::expiresAt,
                (a, b) -> a.isAfter(b) ? a : b));
        return newestPerResource.values().stream().min(Comparator.naturalOrder()).orElse(null);
    }
}
