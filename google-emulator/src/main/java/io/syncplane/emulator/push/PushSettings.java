package io.syncplane.emulator.push;

import java.time.Duration;

/**
 * How pushes are delivered.
 *
 * @param pubsubEndpoint      where Gmail notifications for every topic go (a per-topic admin override wins); null:
 *                            Gmail pushes are not delivered unless a topic has an override
 * @param audience            the JWT {@code aud}; null means the endpoint URL, as Pub/Sub does by default
 * @param serviceAccountEmail the JWT {@code email} claim: the push subscription's service account
 * @param gmailDropRate       fraction of Gmail notifications silently lost, to mimic lost pushes
 * @param gmailMinInterval    at most one Gmail notification per user per interval (Google: one second)
 * @param retryBackoff        first redelivery delay after a failed delivery; doubles per attempt
 * @param maxAttempts         deliveries tried per notification
 */
public record PushSettings(String pubsubEndpoint, String audience, String serviceAccountEmail, double gmailDropRate,
                           Duration gmailMinInterval, Duration retryBackoff, int maxAttempts) {

    public PushSettings {
        if (!(gmailDropRate >= 0 && gmailDropRate <= 1)) {
            throw new IllegalArgumentException("gmailDropRate must be within [0, 1]: " + gmailDropRate);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    public static PushSettings defaults() {
        return new PushSettings(null, null, "gmail-push@syncplane-emulator.iam.gserviceaccount.com", 0,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 5);
    }

    public PushSettings withPubsubEndpoint(String endpoint) {
        return new PushSettings(endpoint, audience, serviceAccountEmail, gmailDropRate, gmailMinInterval,
                retryBackoff, maxAttempts);
    }

    public PushSettings withAudience(String value) {
        return new PushSettings(pubsubEndpoint, value, serviceAccountEmail, gmailDropRate, gmailMinInterval,
                retryBackoff, maxAttempts);
    }

    public PushSettings withGmailDropRate(double rate) {
        return new PushSettings(pubsubEndpoint, audience, serviceAccountEmail, rate, gmailMinInterval,
                retryBackoff, maxAttempts);
    }

    public PushSettings withRetryBackoff(Duration backoff) {
        return new PushSettings(pubsubEndpoint, audience, serviceAccountEmail, gmailDropRate, gmailMinInterval,
                backoff, maxAttempts);
    }
}
