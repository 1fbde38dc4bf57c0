package io.syncplane.emulator;

import io.syncplane.emulator.gmail.HistorySettings;
import io.syncplane.emulator.oauth.OAuthClient;
import io.syncplane.emulator.oauth.OAuthClients;
import io.syncplane.emulator.push.PushSettings;
import io.syncplane.emulator.quota.QuotaSettings;
import io.syncplane.emulator.seed.UserSizes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything an emulator is started with; built by {@link GoogleEmulator.Builder}.
 *
 * @param host           interface to bind (127.0.0.1 unless the emulator must be reachable from containers)
 * @param port           0 picks a free port
 * @param sizes          what each user is seeded with
 * @param messagesFor    per-user mailbox sizes that differ from {@code sizes} (e.g. one 100,000-message mailbox)
 * @param seedEpoch      the instant seeded data is arranged around (fixed, so the same seed gives the same data)
 * @param history        Gmail history retention; its horizon also expires Calendar and People sync tokens
 * @param oauthClients   the OAuth clients the emulator knows, the default one (every seeded user's) first
 * @param countRetention how far back per-second request counts are kept
 */
public record EmulatorConfig(String host, int port, int users, long seed, UserSizes sizes,
                             Map<String, Integer> messagesFor, Instant seedEpoch, Duration tokenLifetime,
                             HistorySettings history, QuotaSettings quotas, PushSettings push, double activityRate,
                             List<OAuthClients.Registration> oauthClients, int maxThreads, Duration countRetention,
                             Clock clock) {

    public EmulatorConfig {
        messagesFor = Map.copyOf(messagesFor);
        oauthClients = List.copyOf(oauthClients);
        if (oauthClients.isEmpty()) {
            throw new IllegalArgumentException("the default OAuth client is missing");
        }
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1: " + users);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive: " + tokenLifetime);
        }
        if (maxThreads < 8) {
            throw new IllegalArgumentException("maxThreads must be at least 8: " + maxThreads);
        }
        if (activityRate < 0) {
            throw new IllegalArgumentException("activity rate must not be negative: " + activityRate);
        }
    }

    /** The client every seeded user has authorised (whose credentials {@code admin().credentials()} hands out). */
    public OAuthClient oauthClient() {
        return oauthClients.get(0).client();
    }

    public UserSizes sizesFor(String email) {
        Integer messages = messagesFor.get(email);
        return messages == null ? sizes : sizes.withMessages(messages);
    }
}
