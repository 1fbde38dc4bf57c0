package io.syncplane.writeback;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where an outbound operation stands. {@link #PENDING}: not sent, or sent and certainly refused (a rate limit).
 * {@link #SENDING}: an attempt went out and may have landed (a timeout, a 5xx, a worker killed mid-call), so the next
 * attempt first finds out whether it did. The other three are final.
 */
public enum OperationState {
    PENDING, SENDING, APPLIED, CONFLICT, FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == APPLIED || this == CONFLICT || this == FAILED;
    }

    public static OperationState fromId(String id) {
        return Arrays.stream(values()).filter(state -> state.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operation state '" + id + "'"));
    }
}
