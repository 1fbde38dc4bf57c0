package io.syncplane.emulator;

import io.syncplane.emulator.gmail.HistorySettings;
import io.syncplane.emulator.oauth.OAuthClient;
import io.syncplane.emulator.oauth.OAuthClients;
import io.syncplane.emulator.push.PushSettings;
import io.syncplane.emulator.quota.QuotaSettings;
import io.syncplane.emulator.seed.UserSizes;
import io.syncplane.emulator.users.UserDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Configures and starts a {@link GoogleEmulator}; every setting has a sensible default. */
public final class EmulatorBuilder {

    /** Seeded data is arranged around this instant unless told otherwise. */
    public static final Instant DEFAULT_SEED_EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private String host = "127.0.0.1";
    private int port;
    private int users = 10;
    private long seed = 42;
    private int messages = 20;
    private int events = 10;
    private int contacts = 10;
    private int tasks = 5;
    private int calendars = 1;
    private int recurring;
    private final Map<String, Integer> messagesFor = new LinkedHashMap<>();
    private Instant seedEpoch = DEFAULT_SEED_EPOCH;
    private Duration tokenLifetime = Duration.ofHours(1);
    private Duration historyHorizon = HistorySettings.defaults().horizon();
    private int maxHistoryRecords = HistorySettings.defaults().maxRecords();
    private QuotaSettings quotas = QuotaSettings.defaults();
    private PushSettings push = PushSettings.defaults();
    private double activityRate;
    private OAuthClient oauthClient = OAuthClient.defaults();
    private List<String> redirectUris = List.of();
    private final Map<String, OAuthClients.Registration> extraClients = new LinkedHashMap<>();
    private int maxThreads = 64;
    private Duration countRetention = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();

    EmulatorBuilder() {
    }

    public EmulatorBuilder host(String value) {
        this.host = value;
        return this;
    }

    /** 0 (the default) picks a free port. */
    public EmulatorBuilder port(int value) {
        this.port = value;
        return this;
    }

    public EmulatorBuilder users(int value) {
        this.users = value;
        return this;
    }

    public EmulatorBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    public EmulatorBuilder messagesPerUser(int value) {
        this.messages = value;
        return this;
    }

    public EmulatorBuilder eventsPerUser(int value) {
        this.events = value;
        return this;
    }

    /** Calendars in each user's calendar list, the primary one included (default 1: only the primary). */
    public EmulatorBuilder calendarsPerUser(int value) {
        this.calendars = value;
        return this;
    }

    /** Recurring series per calendar, each with a moved and a cancelled occurrence (default 0). */
    public EmulatorBuilder recurringPerCalendar(int value) {
        this.recurring = value;
        return this;
    }

    public EmulatorBuilder contactsPerUser(int value) {
        this.contacts = value;
        return this;
    }

    public EmulatorBuilder tasksPerUser(int value) {
        this.tasks = value;
        return this;
    }

    /** A different mailbox size for one user, e.g. {@code messagesFor(1, 100_000)} for a benchmark mailbox. */
    public EmulatorBuilder messagesFor(int userIndex, int count) {
        messagesFor.put(UserDirectory.emailOf(userIndex), count);
        return this;
    }

    public EmulatorBuilder seedEpoch(Instant value) {
        this.seedEpoch = value;
        return this;
    }

    public EmulatorBuilder tokenLifetime(Duration value) {
        this.tokenLifetime = value;
        return this;
    }

    /** How long cursors stay valid: Gmail history records, Calendar sync tokens, People sync tokens. */
    public EmulatorBuilder historyHorizon(Duration value) {
        this.historyHorizon = value;
        return this;
    }

    /** Gmail history records kept per user; a startHistoryId needing older ones gets 404. */
    public EmulatorBuilder maxHistoryRecords(int value) {
        this.maxHistoryRecords = value;
        return this;
    }

    public EmulatorBuilder quotas(QuotaSettings value) {
        this.quotas = value;
        return this;
    }

    public EmulatorBuilder quotasEnabled(boolean enabled) {
        this.quotas = quotas.withEnabled(enabled);
        return this;
    }

    public EmulatorBuilder push(PushSettings value) {
        this.push = value;
        return this;
    }

    /** Where Gmail Pub/Sub pushes go, e.g. {@code http://127.0.0.1:8080/webhooks/gmail}. */
    public EmulatorBuilder pubsubPushEndpoint(String url) {
        this.push = push.withPubsubEndpoint(url);
        return this;
    }

    /** The push JWT audience; by default the push endpoint URL. */
    public EmulatorBuilder pushAudience(String audience) {
        this.push = push.withAudience(audience);
        return this;
    }

    public EmulatorBuilder pushDropRate(double rate) {
        this.push = push.withGmailDropRate(rate);
        return this;
    }

    public EmulatorBuilder pushRetryBackoff(Duration backoff) {
        this.push = push.withRetryBackoff(backoff);
        return this;
    }

    /** Random mutations per second across all users, from start. */
    public EmulatorBuilder activityRate(double perSecond) {
        this.activityRate = perSecond;
        return this;
    }

    /** Replaces the default OAuth client, the one every seeded user has authorised. */
    public EmulatorBuilder oauthClient(String clientId, String clientSecret) {
        this.oauthClient = new OAuthClient(clientId, clientSecret);
        return this;
    }

    /**
     * The redirect URIs registered for the default client: the authorization endpoint then demands an exact match
     * ({@code redirect_uri_mismatch} otherwise). None (the default) allows any http(s) redirect.
     */
    public EmulatorBuilder oauthRedirectUris(String... uris) {
        this.redirectUris = List.of(uris);
        return this;
    }

    /** Another OAuth client that users can authorise through the authorization endpoint; no seeded user has. */
    public EmulatorBuilder addOAuthClient(String clientId, String clientSecret, String... redirectUris) {
        extraClients.put(clientId, new OAuthClients.Registration(new OAuthClient(clientId, clientSecret),
                List.of(redirectUris)));
        return this;
    }

    public EmulatorBuilder maxThreads(int value) {
        this.maxThreads = value;
        return this;
    }

    public EmulatorBuilder countRetention(Duration value) {
        this.countRetention = value;
        return this;
    }

    /** The clock behind token expiry, quota windows, cursor horizons and timestamps (see {@link SettableClock}). */
    public EmulatorBuilder clock(Clock value) {
        this.clock = value;
        return this;
    }

    public EmulatorConfig config() {
        return new EmulatorConfig(host, port, users, seed, new UserSizes(messages, events, contacts, tasks, calendars, recurring),
                messagesFor, seedEpoch, tokenLifetime, new HistorySettings(historyHorizon, maxHistoryRecords),
                quotas, push, activityRate, oauthClients(), maxThreads, countRetention, clock);
    }

    private List<OAuthClients.Registration> oauthClients() {
        List<OAuthClients.Registration> clients = new ArrayList<>();
        clients.add(new OAuthClients.Registration(oauthClient, redirectUris));
        for (OAuthClients.Registration extra : extraClients.values()) {
            if (extra.client().clientId().equals(oauthClient.clientId())) {
                throw new IllegalArgumentException("addOAuthClient: " + extra.client().clientId()
                        + " is the default client; use oauthClient/oauthRedirectUris for it");
            }
            clients.add(extra);
        }
        return clients;
    }

    public GoogleEmulator start() {
        return GoogleEmulator.start(config());
    }
}
