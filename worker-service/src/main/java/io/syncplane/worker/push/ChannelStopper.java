package io.syncplane.worker.push;

import io.syncplane.domain.Source;
import io.syncplane.google.GoogleErrors;
import io.syncplane.push.PushChannel;
import io.syncplane.push.PushChannelStore;
import io.syncplane.sync.ReauthorizationRequiredException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops one channel at Google and marks its row stopped. A 404 or 410 means Google no longer has the channel: that
 * is the outcome we wanted, so the row is marked stopped too. So is a connection whose grant is gone: nothing can
 * reach Google for it, the channel lapses there by itself at its expiry, and the webhooks refuse stopped rows.
 * Anything else (rate limit, 5xx, network) leaves the row active for the next attempt.
 */
public final class ChannelStopper {

    private static final Logger log = LoggerFactory.getLogger(ChannelStopper.class);

    private final GmailWatchCalls gmail;
    private final CalendarChannelCalls calendar;
    private final PushChannelStore store;

    public ChannelStopper(GmailWatchCalls gmail, CalendarChannelCalls calendar, PushChannelStore store) {
        this.gmail = gmail;
        this.calendar = calendar;
        this.store = store;
    }

    /** True when the row is stopped now; false when stopping failed and should be tried again later. */
    public boolean stop(PushChannel channel) {
        try {
            if (channel.source() == Source.GMAIL) {
                gmail.stop(channel.connectionId());
            } else {
                calendar.stop(channel.connectionId(), channel.channelId(), channel.resourceId());
            }
        } catch (ReauthorizationRequiredException e) {
            log.info("Cannot stop {} at Google ({}); it lapses at {}", channel, e.getMessage(), channel.expiresAt());
        } catch (IOException | RuntimeException e) {
            if (!isGone(e)) {
                log.warn("Stopping {} failed, will retry: {}", channel, GoogleErrors.describe(e));
                return false;
            }
            log.info("{} was already gone at Google", channel);
        }
        store.markStopped(channel.id());
        return true;
    }

    static boolean isGone(Throwable error) {
        return GoogleErrors.response(error)
                .map(response -> response.getStatusCode() == 404 || response.getStatusCode() == 410)
                .orElse(false);
    }
}
