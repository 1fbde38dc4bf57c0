package io.syncplane.writeback;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who wins when Google's copy changed since the version an application's change was based on.
 * {@link #NEWER_WINS} (the default) compares the application's modification time with Google's.
 */
public enum ConflictPolicy {
    NEWER_WINS, GOOGLE_WINS, APPLICATION_WINS;

    /** As configured and stored: {@code newer-wins}, {@code google-wins}, {@code application-wins}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ConflictPolicy> fromId(String id) {
        return Arrays.stream(values()).filter(policy -> policy.id().equals(id)).findFirst();
    }
}
