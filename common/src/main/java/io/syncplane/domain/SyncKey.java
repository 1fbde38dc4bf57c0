package io.syncplane.domain;

import java.util.Objects;

/**
 * Identifies one thing to keep in sync: one source of one Google connection. A user with two Google accounts has two
 * connections, so keying by connection rather than by user needs no rework when that arrives. Google's per-user quota
 * belongs to the account, so rate limits are per connection too.
 */
public record SyncKey(long connectionId, Source source) {

    public SyncKey {
        Objects.requireNonNull(source, "source");
        if (connectionId <= 0) {
            throw new IllegalArgumentException("connectionId must be positive: " + connectionId);
        }
    }

    /** Compact text form, e.g. {@code 42:gmail}; stable, used as a queue member and in logs. */
    public String asString() {
        return connectionId + ":" + source.id();
    }

    public static SyncKey parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not a sync key (expected <connectionId>:<source>): " + text);
        }
        long connectionId;
        try {
            connectionId = Long.parseLong(text.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a sync key (connection id is not a number): " + text, e);
        }
        return new SyncKey(connectionId, Source.require(text.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return asString();
    }
}
