package io.syncplane.google;

import java.time.Duration;
import java.time.Instant;

/** A short-lived OAuth access token; {@link #toString()} hides the value. */
public record AccessToken(String value, Instant expiresAt) {

    public boolean usableAt(Instant now, Duration margin) {
        return expiresAt.minus(margin).isAfter(now);
    }

    @Override
    public String toString() {
        return "AccessToken[redacted, expires " + expiresAt + "]";
    }
}
