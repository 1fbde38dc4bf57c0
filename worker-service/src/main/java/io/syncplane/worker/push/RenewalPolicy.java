package io.syncplane.worker.push;

import io.syncplane.push.PushChannel;
import io.syncplane.push.PushProperties;
import java.time.Duration;
import java.time.Instant;

/**
 * When a channel is due for replacement. Both the renewal scan and the run that renews ask this, so a channel the scan
 * enqueues is one the run will renew.
 */
public final class RenewalPolicy {

    /** Google's advice for Gmail, and what a Calendar channel needs to be replaced in good time. */
    public static final Duration RENEW_BEFORE_EXPIRY = Duration.ofHours(24);

    private final Duration gmailRenewAfter;

    public RenewalPolicy(PushProperties properties) {
        this.gmailRenewAfter = properties.gmailRenewAfter();
    }

    /** Gmail: re-watch daily (Google's advice), or as soon as less than a day is left. */
    public boolean gmailDue(PushChannel watch, Instant now) {
        return !watch.createdAt().plus(gmailRenewAfter).isAfter(now) || expiresSoon(watch, now);
    }

    /** Calendar channels cannot be renewed; replace one when less than a day is left. */
    public boolean calendarDue(PushChannel channel, Instant now) {
        return expiresSoon(channel, now);
    }

    /** Channels expiring before this are due (the renewal scan's cutoff). */
    public Instant expiryCutoff(Instant now) {
        return now.plus(RENEW_BEFORE_EXPIRY);
    }

    /** Gmail watches made before this are due (the renewal scan's cutoff). */
    public Instant gmailWatchedBefore(Instant now) {
        return now.minus(gmailRenewAfter).plusNanos(1);
    }

    private static boolean expiresSoon(PushChannel channel, Instant now) {
        return !channel.expiresAt().isAfter(now.plus(RENEW_BEFORE_EXPIRY));
    }
}
