package io.syncplane.api.push;

import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.sync.Retries;
import io.syncplane.api.web.ApiException;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.push.PushChannel;
import io.syncplane.push.PushChannelStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * A Calendar channel notification. The channel must be one Syncplane holds and has not stopped, not past its expiry,
 * with the token we gave it (compared in constant time) and Google's resource id; then {@code sync} (the channel
 * opened) is recorded and acknowledged, and a change triggers a sync of the connection's calendars. The message number
 * is recorded atomically with the check that it is new, so a duplicate or a replay of an older notification triggers
 * nothing, however many arrive at once.
 *
 * <p>Only 5xx makes Google retry a notification, so every refusal here is a 4xx and final; an outage is 503.
 */
public final class CalendarPushService {

    private static final Logger log = LoggerFactory.getLogger(CalendarPushService.class);
    private static final int ATTEMPTS = 5;

    private final boolean enabled;
    private final CallerTransactions transactions;
    private final PushChannelStore channels;
    private final PushSyncTrigger triggers;
    private final Clock clock;

    public CalendarPushService(boolean enabled, CallerTransactions transactions, PushChannelStore channels,
                               PushSyncTrigger triggers, Clock clock) {
        this.enabled = enabled;
        this.transactions = transactions;
        this.channels = channels;
        this.triggers = triggers;
        this.clock = clock;
    }

    /**
     * 404 for an unknown channel (or all of them, with push off), 401/403 for a wrong token or resource.
     *
     * @return whether the notification triggered a sync (false: a duplicate or the channel's sync message)
     */
    public boolean receive(CalendarNotification notification) {
        if (!enabled) {
            throw new ApiException(HttpStatus.NOT_FOUND, "push-not-configured",
                    "this server takes no Calendar notifications (syncplane.push.enabled is false)");
        }
        Optional<PushSyncTrigger.Due> due = Retries.onStaleState(ATTEMPTS, () -> transactions.write(
                GmailPushService.WEBHOOK, () -> record(notification)), PushSyncTrigger::redeliverLater);
        due.ifPresent(triggers::enqueue);
        return due.isPresent();
    }

    private Optional<PushSyncTrigger.Due> record(CalendarNotification notification) {
        Instant now = clock.instant();
        PushChannel channel = channels.findActive(notification.channelId())
                .filter(found -> found.source() == Source.CALENDAR && found.isLiveAt(now))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown-channel",
                        "no live Calendar channel " + notification.channelId()));
        if (!PushChannelStore.tokenMatches(channel, notification.token())) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid-channel-token",
                    "X-Goog-Channel-Token is missing or not this channel's");
        }
        if (!notification.resourceId().equals(channel.resourceId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "wrong-resource",
                    "X-Goog-Resource-ID is not the resource this channel watches");
        }
        if (!channels.recordNotification(channel.id(), notification.messageNumber(), now)) {
            log.debug("Calendar notification {} on channel {} is a duplicate or stale; acknowledged",
                    notification.messageNumber(), channel.channelId());
            return Optional.empty();
        }
        if (notification.isSync()) {
            return Optional.empty(); // the channel is open; there is no change to fetch
        }
        return triggers.prepare(new SyncKey(channel.connectionId(), Source.CALENDAR), state -> false);
    }
}
