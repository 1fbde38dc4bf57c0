package io.syncplane.push;

import io.syncplane.domain.Source;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One push channel Syncplane holds at Google, a row of push_channel: a Gmail watch or a Calendar events.watch channel.
 *
 * @param channelId          Calendar: the channel id Syncplane chose; Gmail: {@code gmail:<connectionId>:<random>}
 * @param resourceId         Calendar: Google's resource id (needed to stop the channel); null for Gmail
 * @param calendarId         Calendar: the watched calendar; null for Gmail
 * @param tokenHash          Calendar: SHA-256 of the channel token; null for Gmail
 * @param lastMessageNumber  Calendar: the highest X-Goog-Message-Number recorded
 */
public record PushChannel(
        long id,
        long connectionId,
        long userId,
        Source source,
        String channelId,
        String resourceId,
        String calendarId,
        byte[] tokenHash,
        Instant expiresAt,
        Status status,
        Instant createdAt,
        Instant lastNotificationAt,
        Long lastMessageNumber,
        Instant stoppedAt) {

    public PushChannel {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        tokenHash = tokenHash == null ? null : tokenHash.clone();
    }

    @Override
    public byte[] tokenHash() {
        return tokenHash == null ? null : tokenHash.clone();
    }

    /** Active and not yet past Google's expiry: Google may still deliver on it. */
    public boolean isLiveAt(Instant now) {
        return status == Status.ACTIVE && expiresAt.isAfter(now);
    }

    /** The last sign of life: the newest notification, or the channel's creation if none has come yet. */
    public Instant lastSignal() {
        return lastNotificationAt == null || lastNotificationAt.isBefore(createdAt) ? createdAt : lastNotificationAt;
    }

    // Records compare arrays by identity; a channel's identity is its row, so equality follows the row's content.
    @Override
    public boolean equals(Object other) {
        return other instanceof PushChannel that && id == that.id && connectionId == that.connectionId
                && userId == that.userId && source == that.source && channelId.equals(that.channelId)
                && Objects.equals(resourceId, that.resourceId) && Objects.equals(calendarId, that.calendarId)
                && Arrays.equals(tokenHash, that.tokenHash) && expiresAt.equals(that.expiresAt)
                && status == that.status && Objects.equals(createdAt, that.createdAt)
                && Objects.equals(lastNotificationAt, that.lastNotificationAt)
                && Objects.equals(lastMessageNumber, that.lastMessageNumber)
                && Objects.equals(stoppedAt, that.stoppedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, channelId, status, expiresAt);
    }

    @Override
    public String toString() {
        // never print the token hash: it is not the token, but there is no reason to spread it through logs
        return "PushChannel[id=" + id + ", connection=" + connectionId + ", source=" + source.id() + ", channelId="
                + channelId + ", resourceId=" + resourceId + ", calendarId=" + calendarId + ", expiresAt=" + expiresAt
                + ", status=" + status.id() + ", lastNotificationAt=" + lastNotificationAt + "]";
    }

    public enum Status {
        ACTIVE("active"),
        /** Stopped at Google, or Google said it no longer exists: notifications on it are refused. */
        STOPPED("stopped");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Status fromId(String id) {
            for (Status status : values()) {
                if (status.id.equals(id.toLowerCase(Locale.ROOT))) {
                    return status;
                }
            }
            throw new IllegalArgumentException("unknown push channel status '" + id + "'");
        }
    }
}
