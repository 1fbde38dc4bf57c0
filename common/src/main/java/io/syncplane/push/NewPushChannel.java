package io.syncplane.push;

import io.syncplane.domain.Source;
import java.time.Instant;
import java.util.Objects;

/**
 * A channel Google has just created, to be stored. Build with {@link #gmailWatch} or {@link #calendarChannel}, which
 * fill in what each kind leaves empty.
 */
public record NewPushChannel(long connectionId, long userId, Source source, String channelId, String resourceId,
                             String calendarId, byte[] tokenHash, Instant expiresAt) {

    public NewPushChannel {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (source != Source.GMAIL && source != Source.CALENDAR) {
            throw new IllegalArgumentException("Google offers no push for " + source.id());
        }
        tokenHash = tokenHash == null ? null : tokenHash.clone();
    }

    @Override
    public byte[] tokenHash() {
        return tokenHash == null ? null : tokenHash.clone();
    }

    public static NewPushChannel gmailWatch(long connectionId, long userId, String channelId, Instant expiresAt) {
        return new NewPushChannel(connectionId, userId, Source.GMAIL, channelId, null, null, null, expiresAt);
    }

    public static NewPushChannel calendarChannel(long connectionId, long userId, String channelId, String resourceId,
                                                 String calendarId, byte[] tokenHash, Instant expiresAt) {
        return new NewPushChannel(connectionId, userId, Source.CALENDAR, channelId, resourceId, calendarId,
                tokenHash, expiresAt);
    }
}
