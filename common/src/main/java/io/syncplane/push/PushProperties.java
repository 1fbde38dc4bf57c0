package io.syncplane.push;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code syncplane.push.*}: push from Google instead of (most) polling.
 *
 * @param enabled              register watches/channels and follow push status in the poll schedule; off by default,
 *                             because push needs a public webhook URL and a Pub/Sub topic that a local run lacks
 * @param gmailTopic           the Pub/Sub topic Gmail publishes to ({@code projects/<p>/topics/<t>}); Gmail watches
 *                             are registered only when set
 * @param gmailLabelIds        the labels a Gmail watch filters on; empty means all mail
 * @param calendarWebhookUrl   public https URL of {@code POST /webhooks/google/calendar}; Calendar channels are
 *                             registered only when set
 * @param pushAudience         the {@code aud} claim expected in Pub/Sub's OIDC tokens
 * @param pushServiceAccount   the {@code email} claim expected in Pub/Sub's OIDC tokens
 * @param jwksUrl              where Google's signing keys for those tokens are published
 * @param silenceWindow        a channel not heard from for this long, while polls find changes, counts as degraded
 * @param degradedPollInterval how often a degraded source is polled
 * @param safetyPollInterval   how often a source with healthy push is still polled, in case a push was lost
 * @param gmailRenewAfter      a Gmail watch is re-watched once this old (Google advises daily)
 */
@ConfigurationProperties("syncplane.push")
public record PushProperties(
        boolean enabled,
        String gmailTopic,
        List<String> gmailLabelIds,
        URI calendarWebhookUrl,
        String pushAudience,
        String pushServiceAccount,
        URI jwksUrl,
        Duration silenceWindow,
        Duration degradedPollInterval,
        Duration safetyPollInterval,
        Duration gmailRenewAfter) {

    public static final URI GOOGLE_JWKS = URI.create("https://www.googleapis.com/oauth2/v3/certs");

    public PushProperties {
        gmailTopic = gmailTopic == null || gmailTopic.isBlank() ? null : gmailTopic.strip();
        // an unset environment variable binds as an empty URI, which must mean "not configured", not "configured"
        calendarWebhookUrl = calendarWebhookUrl == null || calendarWebhookUrl.toString().isBlank() ? null
                : calendarWebhookUrl;
        jwksUrl = jwksUrl == null || jwksUrl.toString().isBlank() ? null : jwksUrl;
        gmailLabelIds = gmailLabelIds == null ? List.of() : List.copyOf(gmailLabelIds);
        jwksUrl = jwksUrl == null ? GOOGLE_JWKS : jwksUrl;
        silenceWindow = positiveOr(silenceWindow, Duration.ofMinutes(10), "silence-window");
        degradedPollInterval = positiveOr(degradedPollInterval, Duration.ofSeconds(150), "degraded-poll-interval");
        safetyPollInterval = positiveOr(safetyPollInterval, Duration.ofHours(1), "safety-poll-interval");
        gmailRenewAfter = positiveOr(gmailRenewAfter, Duration.ofHours(24), "gmail-renew-after");
    }

    /** Everything at its default: push off. */
    public static PushProperties disabled() {
        return new PushProperties(false, null, null, null, null, null, null, null, null, null, null);
    }

    /** Gmail watches are registered: push is on and there is a topic for Gmail to publish to. */
    public boolean gmailPushConfigured() {
        return enabled && gmailTopic != null;
    }

    /** Calendar channels are registered: push is on and there is a URL for Google to call. */
    public boolean calendarPushConfigured() {
        return enabled && calendarWebhookUrl != null;
    }

    private static Duration positiveOr(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("syncplane.push." + name + " must be positive, was " + value);
        }
        return value;
    }
}
