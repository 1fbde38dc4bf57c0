package io.syncplane.connector.contacts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the Contacts connector.
 *
 * @param pageSize          connections per People page (1-1000); large pages keep a full sync within People's small
 *                          per-minute quota
 * @param rateLimitFallback how long to wait after a rate-limit answer that names no retry time; People's quotas are
 *                          per minute, so a minute clears them
 */
@ConfigurationProperties("syncplane.connector.contacts")
public record ContactsConnectorProperties(Integer pageSize, Duration rateLimitFallback) {

    public ContactsConnectorProperties {
        pageSize = pageSize == null ? 1000 : pageSize;
        rateLimitFallback = rateLimitFallback == null ? Duration.ofMinutes(1) : rateLimitFallback;
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("People pageSize must be within 1..1000: " + pageSize);
        }
        if (rateLimitFallback.isNegative() || rateLimitFallback.isZero()) {
            throw new IllegalArgumentException("rateLimitFallback must be positive: " + rateLimitFallback);
        }
    }

    public static ContactsConnectorProperties defaults() {
        return new ContactsConnectorProperties(null, null);
    }

    public ContactsConnectorProperties withPageSize(int value) {
        return new ContactsConnectorProperties(value, rateLimitFallback);
    }
}
