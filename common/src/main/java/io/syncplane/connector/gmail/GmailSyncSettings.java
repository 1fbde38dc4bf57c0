package io.syncplane.connector.gmail;

import java.time.Duration;

/**
 * How the Gmail connector talks to Gmail.
 *
 * @param pageSize          messages.list and history.list maxResults (Gmail allows up to 500)
 * @param batchSize         metadata gets per batch request (Google advises at most 50; more is throttled)
 * @param unitsPerSecond    quota units per connection and second the connector spends at most; Gmail's per-user
 *                          limit is 250, and watch renewals (100 units) share it
 * @param rateLimitFallback how long to wait after a rate-limit answer that names no retry time (the 429 for too many
 *                          concurrent requests)
 * @param readAhead         whether a full sync reads the next page while it writes the last one
 */
public record GmailSyncSettings(int pageSize, int batchSize, int unitsPerSecond, Duration rateLimitFallback,
                                int fetchParallelism, boolean readAhead) {

    public GmailSyncSettings {
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("pageSize must be within [1, 500]: " + pageSize);
        }
        if (batchSize < 1 || batchSize > 50) {
            throw new IllegalArgumentException("batchSize must be within [1, 50]: " + batchSize);
        }
        if (unitsPerSecond < GmailQuotaPacer.MESSAGE_GET_UNITS) {
            throw new IllegalArgumentException("unitsPerSecond must allow one messages.get: " + unitsPerSecond);
        }
        if (rateLimitFallback.isNegative() || rateLimitFallback.isZero()) {
            throw new IllegalArgumentException("rateLimitFallback must be positive: " + rateLimitFallback);
        }
        if (fetchParallelism < 1 || fetchParallelism > 16) {
            throw new IllegalArgumentException("fetchParallelism must be within [1, 16]: " + fetchParallelism);
        }
    }

    public static GmailSyncSettings defaults() {
        return new GmailSyncSettings(500, 40, 200, Duration.ofSeconds(10), 4, true);
    }

    public GmailSyncSettings withPageSize(int value) {
        return new GmailSyncSettings(value, batchSize, unitsPerSecond, rateLimitFallback, fetchParallelism, readAhead);
    }

    public GmailSyncSettings withBatchSize(int value) {
        return new GmailSyncSettings(pageSize, value, unitsPerSecond, rateLimitFallback, fetchParallelism, readAhead);
    }

    public GmailSyncSettings withUnitsPerSecond(int value) {
        return new GmailSyncSettings(pageSize, batchSize, value, rateLimitFallback, fetchParallelism, readAhead);
    }

    /** Batches of metadata gets in flight at once per sync. */
    public GmailSyncSettings withFetchParallelism(int value) {
        return new GmailSyncSettings(pageSize, batchSize, unitsPerSecond, rateLimitFallback, value, readAhead);
    }

    /**
     * Full syncs read strictly page after page: for tests whose faults are injected between two pages and must hit
     * the very next one.
     */
    public GmailSyncSettings withoutReadAhead() {
        return new GmailSyncSettings(pageSize, batchSize, unitsPerSecond, rateLimitFallback, fetchParallelism, false);
    }

    /** Batches never cost more than a second's budget, or the pacer could never admit them whole. */
    int effectiveBatchSize() {
        return Math.min(batchSize, unitsPerSecond / GmailQuotaPacer.MESSAGE_GET_UNITS);
    }
}
