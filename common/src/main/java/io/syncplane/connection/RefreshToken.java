package io.syncplane.connection;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** An OAuth refresh token. Its {@link #toString()} never shows the value, so it cannot leak into logs by accident. */
public final class RefreshToken {

    private final String value;

    private RefreshToken(String value) {
        this.value = value;
    }

    public static RefreshToken of(String value) {
        Objects.requireNonNull(value, "refresh token");
        if (value.isBlank()) {
            throw new IllegalArgumentException("refresh token must not be blank");
        }
        return new RefreshToken(value);
    }

    /** The secret itself, for the one call that sends it to Google's token endpoint. */
    public String reveal() {
        return value;
    }

    byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RefreshToken that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "RefreshToken[redacted]";
    }
}
