package io.syncplane.connector.calendar;

import java.time.Duration;

/**
 * How the Calendar connector talks to Calendar.
 *
 * @param pageSize          events.list maxResults (Calendar allows up to 2500)
 * @param rateLimitFallback how long to wait after a rate-limit answer; Calendar's name no retry time, and its quota
 *                          is per minute
 * @param readAhead         whether a calendar's full listing reads the next page while it writes the last one
 */
public record CalendarSyncSettings(int pageSize, Duration rateLimitFallback, boolean readAhead) {

    public CalendarSyncSettings {
        if (pageSize < 1 || pageSize > 2500) {
            throw new IllegalArgumentException("pageSize must be within [1, 2500]: " + pageSize);
        }
        if (rateLimitFallback.isNegative() || rateLimitFallback.isZero()) {
            throw new IllegalArgumentException("rateLimitFallback must be positive: " + rateLimitFallback);
        }
    }

    public static CalendarSyncSettings defaults() {
        return new CalendarSyncSettings(2500, Duration.ofMinutes(1), true);
    }

    public CalendarSyncSettings withPageSize(int value) {
        return new CalendarSyncSettings(value, rateLimitFallback, readAhead);
    }

    /**
     * Full listings read strictly page after page: for tests whose faults are injected between two pages and must hit
     * the very next one.
     */
    public CalendarSyncSettings withoutReadAhead() {
        return new CalendarSyncSettings(pageSize, rateLimitFallback, false);
    }
}
