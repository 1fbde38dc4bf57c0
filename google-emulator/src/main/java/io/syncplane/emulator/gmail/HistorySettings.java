package io.syncplane.emulator.gmail;

import java.time.Duration;

/**
 * How long Gmail history stays answerable: records older than {@code horizon}, or beyond the newest
 * {@code maxRecords}, are dropped, and a startHistoryId that needed them gets 404.
 */
public record HistorySettings(Duration horizon, int maxRecords) {

    public HistorySettings {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("history horizon must be positive: " + horizon);
        }
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1: " + maxRecords);
        }
    }

    public static HistorySettings defaults() {
        return new HistorySettings(Duration.ofDays(7), 100_000);
    }
}
