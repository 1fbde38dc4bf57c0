package io.syncplane.api.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ServiceStart;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.push.PushKeys;
import io.syncplane.emulator.push.PushSettings;
import io.syncplane.push.NewPushChannel;
import io.syncplane.push.PushChannel;
import io.syncplane.push.PushChannelStore;
import io.syncplane.queue.ClaimedJob;
import io.syncplane.queue.SyncQueue;
import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TestBackends;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The two webhooks over real HTTP against the api-service, with push tokens signed by the Google emulator's key and
 * verified against its JWKS. Every rejected notification leaves Postgres and Redis exactly as they were.
 */
class PushWebhookTest {

    private static final String OPERATOR_KEY = "push-operator-key-0123456789";
    private static final String AUDIENCE = "https://syncplane.example.test/webhooks/google/gmail";
    private static final String SERVICE_ACCOUNT = PushSettings.defaults().serviceAccountEmail();
    private static final String GMAIL = "/webhooks/google/gmail";
    private static final String CALENDAR = "/webhooks/google/calendar";
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    private static GoogleEmulator emulator;
    private static PostgresSchema schema;
    private static RedisNamespace redis;
    private static ConfigurableApplicationContext app;
    private static ApiClient api;
    private static JdbcClient owner;
    private static PushChannelStore channels;
    private static SyncQueue queue;
    private static final PushKeys googleKeys = new PushKeys();

    private Account account;

    @BeforeAll
    static void start() {
        emulator = GoogleEmulator.builder().users(1).messagesPerUser(1).start();
        schema = TestBackends.newPostgresSchema();
        redis = TestBackends.newRedisNamespace();
        Map<String, String> properties = new LinkedHashMap<>(SpringBackendProperties.of(schema, redis));
        properties.put("server.port", "0");
        properties.put("syncplane.api.bootstrap-key", OPERATOR_KEY);
        properties.put("syncplane.google.clients[0].id", "push-client");
        properties.put("syncplane.google.clients[0].secret", "push-secret");
        properties.put("syncplane.api.oauth.revocation-url", "http://127.0.0.1:9/revoke");
        properties.put("syncplane.push.enabled", "true");
        properties.put("syncplane.push.push-audience", AUDIENCE);
        properties.put("syncplane.push.push-service-account", SERVICE_ACCOUNT);
        properties.put("syncplane.push.jwks-url", emulator.jwksUrl());
        properties.put("syncplane.push.gmail-topic", "projects/p/topics/gmail");
        properties.put("syncplane.push.calendar-webhook-url", "https://syncplane.example.test" + CALENDAR);
        app = ServiceStart.api(properties);
        int port = ServiceStart.port(app);
        api = new ApiClient("http://127.0.0.1:" + port, OPERATOR_KEY);
        owner = JdbcClient.create(schema.dataSource()); // the schema's owner: bypasses row-level security
        channels = new PushChannelStore(owner, Clock.systemUTC());
        queue = app.getBean(SyncQueue.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        emulator.close();
        schema.close();
        redis.close();
    }

    @BeforeEach
    void linkAccount() {
        account = Account.link();
    }

    // ---- Gmail

    @Test
    void a_valid_gmail_push_makes_the_source_due_and_enqueues_a_push_triggered_sync() {
        account.synced(Source.GMAIL, "1000");
        Instant before = Instant.now();

        ApiClient.Response response = gmailPush(validToken(), envelope(account.email, "1001"));

        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(account.nextSyncAt(Source.GMAIL)).isBeforeOrEqualTo(Instant.now());
        assertThat(account.gmailWatch().lastNotificationAt()).isAfterOrEqualTo(before.minusSeconds(1));
        List<ClaimedJob> jobs = claimAll();
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.key()).isEqualTo(new SyncKey(account.connectionId, Source.GMAIL));
            assertThat(job.trigger()).isEqualTo(SyncTrigger.PUSH);
        });
        JsonNode push = api.get("/v1/connections/" + account.connectionId + "/sources/gmail").json().get("push");
        assertThat(push.get("status").asString()).isEqualTo("active");
        assertThat(push.get("lastNotificationAt").isNull()).isFalse();
        assertThat(push.get("channelExpiresAt").isNull()).isFalse();
    }

    @Test
    void history_id_may_be_a_number_and_the_address_any_case() {
        account.synced(Source.GMAIL, "1000");
        String data = "{\"emailAddress\":\"" + account.email.toUpperCase() + "\",\"historyId\":1001}";

        assertThat(gmailPush(validToken(), envelopeOf(data)).status()).isEqualTo(204);
        assertThat(claimAll()).hasSize(1);
    }

    @Test
    void a_push_the_copy_already_covers_is_acknowledged_without_a_sync() {
        account.synced(Source.GMAIL, "5000");
        Instant due = account.nextSyncAt(Source.GMAIL);

        assertThat(gmailPush(validToken(), envelope(account.email, "4999")).status()).isEqualTo(204);
        assertThat(account.nextSyncAt(Source.GMAIL)).isEqualTo(due);
        assertThat(claimAll()).isEmpty();
    }

    @Test
    void a_push_for_an_unknown_account_is_acknowledged_and_changes_nothing() throws SQLException {
        Map<String, Long> before = snapshot();
        ApiClient.Response response = gmailPush(validToken(), envelope("nobody-" + UUID.randomUUID() + "@x.test", "7"));
        assertThat(response.status()).isEqualTo(204);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void forged_expired_and_misaddressed_tokens_are_refused_and_change_nothing() throws Exception {
        account.synced(Source.GMAIL, "1000");
        String body = envelope(account.email, "1001");
        Instant now = Instant.now();
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put(null, 401);
        cases.put("", 401);
        cases.put("Basic Zm9vOmJhcg==", 401);
        cases.put("Bearer not.a.jwt", 401);
        cases.put("Bearer " + forged(claims(now).build(), kidOfGoogleKey()), 401);
        cases.put("Bearer " + forged(claims(now).build(), "rotated-" + UUID.randomUUID()), 401);
        cases.put("Bearer " + googleKeys.sign(claims(now).audience("https://other.example.test/push").build()), 401);
        cases.put("Bearer " + googleKeys.sign(claims(now).audience(List.of(AUDIENCE, "another")).build()), 401);
        cases.put("Bearer " + googleKeys.sign(claims(now).issuer("https://evil.example.test").build()), 401);
        cases.put("Bearer " + googleKeys.sign(claims(now.minus(Duration.ofHours(2))).build()), 401);
        cases.put("Bearer " + googleKeys.sign(claims(now).issueTime(Date.from(now.plusSeconds(600))).build()), 401);
        cases.put("Bearer " + googleKeys.sign(claims(now).claim("email_verified", false).build()), 401);
        cases.put("Bearer " + googleKeys.sign(claims(now).claim("email", "someone@evil.test").build()), 403);
        cases.put("Bearer " + googleKeys.sign(claims(now).claim("email", List.of(SERVICE_ACCOUNT)).build()), 401);

        Map<String, Long> before = snapshot();
        cases.forEach((authorization, expected) -> {
            ApiClient.Response response = gmailPush(authorization, body);
            assertThat(response.status()).as(authorization + " -> " + response).isEqualTo(expected);
            assertThat(response.isProblem()).as(response.body()).isTrue();
        });
        assertThat(snapshot()).isEqualTo(before);
        assertThat(claimAll()).isEmpty();
    }

    @Test
    void a_token_expired_within_the_skew_is_still_accepted() {
        account.synced(Source.GMAIL, "1000");
        Instant issued = Instant.now().minus(Duration.ofHours(1)).minusSeconds(30); // expired 30 s ago
        assertThat(gmailPush("Bearer " + googleKeys.sign(claims(issued).build()),
                envelope(account.email, "1001")).status()).isEqualTo(204);
    }

    @Test
    void malformed_envelopes_are_400_and_change_nothing() throws SQLException {
        List<String> bodies = List.of("", "not json", "[]", "{}", "{\"message\":1}", "{\"message\":{}}",
                "{\"message\":{\"data\":\"***\"}}",
                envelopeOf("not json"), envelopeOf("[1]"), envelopeOf("{\"historyId\":\"1\"}"),
                envelopeOf("{\"emailAddress\":\"a@b.test\"}"),
                envelopeOf("{\"emailAddress\":\"a@b.test\",\"historyId\":\"12x\"}"),
                envelopeOf("{\"emailAddress\":\"a@b.test\",\"historyId\":-3}"),
                envelopeOf("{\"emailAddress\":\"a@b.test\",\"historyId\":1.5}"),
                envelopeOf("{\"emailAddress\":\"a@b.test\",\"historyId\":99999999999999999999999}"),
                envelopeOf("{\"emailAddress\":\"no-at-sign\",\"historyId\":\"1\"}"),
                "{\"message\":{\"data\":\"" + account.email + "\"}} trailing");
        Map<String, Long> before = snapshot();
        for (String body : bodies) {
            ApiClient.Response response = gmailPush(validToken(), body);
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_malformed_body_without_a_valid_token_is_401_not_400() {
        assertThat(gmailPush(null, "not json").status()).isEqualTo(401);
    }

    // ---- Calendar

    @Test
    void a_calendar_change_enqueues_a_sync_and_its_duplicate_does_not() throws SQLException {
        account.synced(Source.CALENDAR, "calendar-sync-token");
        Channel channel = account.calendarChannel();

        assertThat(calendarPush(channel.headers("sync", 1)).status()).isEqualTo(204);
        assertThat(claimAll()).as("sync announces the channel, there is nothing to fetch").isEmpty();

        ApiClient.Response changed = calendarPush(channel.headers("exists", 3));
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(account.nextSyncAt(Source.CALENDAR)).isBeforeOrEqualTo(Instant.now());
        assertThat(claimAll()).singleElement().satisfies(job -> {
            assertThat(job.key()).isEqualTo(new SyncKey(account.connectionId, Source.CALENDAR));
            assertThat(job.trigger()).isEqualTo(SyncTrigger.PUSH);
        });
        assertThat(channels.find(channel.row.id()).orElseThrow().lastMessageNumber()).isEqualTo(3);

        account.synced(Source.CALENDAR, "calendar-sync-token-2");
        Map<String, Long> before = snapshot();
        assertThat(calendarPush(channel.headers("exists", 3)).status()).isEqualTo(204);
        assertThat(calendarPush(channel.headers("exists", 2)).status()).isEqualTo(204);
        assertThat(snapshot()).as("duplicates and stale numbers change nothing").isEqualTo(before);
        assertThat(claimAll()).isEmpty();

        JsonNode push = api.get("/v1/connections/" + account.connectionId + "/sources/calendar").json().get("push");
        assertThat(push.get("status").asString()).isEqualTo("active");
        assertThat(Instant.parse(push.get("channelExpiresAt").asString())).isEqualTo(channel.row.expiresAt());
    }

    @Test
    void unknown_stopped_and_expired_channels_are_404() throws SQLException {
        account.synced(Source.CALENDAR, "token");
        Channel stopped = account.calendarChannel();
        channels.markStopped(stopped.row.id());
        Channel expired = account.calendarChannel(Instant.now().minusSeconds(5));
        Map<String, String> unknown = new HashMap<>(stopped.headers("exists", 5));
        unknown.put("X-Goog-Channel-ID", "no-such-channel");

        Map<String, Long> before = snapshot();
        for (Map<String, String> headers : List.of(unknown, stopped.headers("exists", 5),
                expired.headers("exists", 5))) {
            ApiClient.Response response = calendarPush(headers);
            assertThat(response.status()).as(headers + " -> " + response).isEqualTo(404);
            assertThat(response.isProblem()).isTrue();
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_wrong_token_or_resource_is_refused_and_changes_nothing() throws SQLException {
        account.synced(Source.CALENDAR, "token");
        Channel channel = account.calendarChannel();
        Map<String, String> wrongToken = new HashMap<>(channel.headers("exists", 5));
        wrongToken.put("X-Goog-Channel-Token", channel.token + "x");
        Map<String, String> noToken = new HashMap<>(channel.headers("exists", 5));
        noToken.remove("X-Goog-Channel-Token");
        Map<String, String> wrongResource = new HashMap<>(channel.headers("exists", 5));
        wrongResource.put("X-Goog-Resource-ID", "other-resource");

        Map<String, Long> before = snapshot();
        assertThat(calendarPush(wrongToken).status()).isEqualTo(401);
        assertThat(calendarPush(noToken).status()).isEqualTo(401);
        assertThat(calendarPush(wrongResource).status()).isEqualTo(403);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(claimAll()).isEmpty();
    }

    @Test
    void missing_or_malformed_headers_are_400() throws SQLException {
        account.synced(Source.CALENDAR, "token");
        Channel channel = account.calendarChannel();
        Map<String, Long> before = snapshot();
        for (String header : List.of("X-Goog-Channel-ID", "X-Goog-Resource-ID", "X-Goog-Resource-State",
                "X-Goog-Message-Number")) {
            Map<String, String> headers = new HashMap<>(channel.headers("exists", 5));
            headers.remove(header);
            assertThat(calendarPush(headers).status()).as("without " + header).isEqualTo(400);
        }
        for (String[] bad : new String[][] {{"X-Goog-Resource-State", "changed"},
                {"X-Goog-Message-Number", "five"}, {"X-Goog-Message-Number", "0"},
                {"X-Goog-Message-Number", "99999999999999999999"}}) {
            Map<String, String> headers = new HashMap<>(channel.headers("exists", 5));
            headers.put(bad[0], bad[1]);
            assertThat(calendarPush(headers).status()).as(bad[0] + ": " + bad[1]).isEqualTo(400);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void contacts_and_tasks_show_polled_and_a_calendar_without_channel_degraded() {
        JsonNode state = api.get("/v1/connections/" + account.connectionId + "/sources/contacts").json();
        assertThat(state.get("push").get("status").asString()).isEqualTo("polled");
        assertThat(api.get("/v1/connections/" + account.connectionId + "/sources/calendar").json().get("push")
                .get("status").asString()).as("no channel yet").isEqualTo("degraded");
    }

    // ---- helpers

    private static ApiClient.Response gmailPush(String authorization, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return api.withKey(null).send("POST", GMAIL, headers, body);
    }

    private static ApiClient.Response calendarPush(Map<String, String> headers) {
        return api.withKey(null).send("POST", CALENDAR, headers, null);
    }

    private static String validToken() {
        return "Bearer " + googleKeys.sign(AUDIENCE, SERVICE_ACCOUNT, Instant.now());
    }

    /** Exactly the claims Pub/Sub sends, issued at {@code issued} and valid an hour. */
    private static JWTClaimsSet.Builder claims(Instant issued) {
        return new JWTClaimsSet.Builder().issuer("https://accounts.google.com").audience(AUDIENCE)
                .subject("1234567890").claim("azp", "1234567890").claim("email", SERVICE_ACCOUNT)
                .claim("email_verified", true).issueTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(Duration.ofHours(1))));
    }

    /** Signed with a key of our own, claiming to be Google's. */
    private static String forged(JWTClaimsSet claims, String kid) throws JOSEException {
        RSAKey own = new RSAKeyGenerator(2048).keyID(kid).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(own));
        return jwt.serialize();
    }

    private static String kidOfGoogleKey() throws ParseException {
        return JWKSet.parse(googleKeys.jwksJson()).getKeys().get(0).getKeyID();
    }

    private static String envelope(String email, String historyId) {
        return envelopeOf("{\"emailAddress\":\"" + email + "\",\"historyId\":\"" + historyId + "\"}");
    }

    private static String envelopeOf(String data) {
        String encoded = Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8));
        return "{\"message\":{\"attributes\":{},\"data\":\"" + encoded + "\",\"messageId\":\"123\","
                + "\"message_id\":\"123\",\"publishTime\":\"2026-03-01T09:00:00Z\"},"
                + "\"subscription\":\"projects/p/subscriptions/gmail-push\",\"deliveryAttempt\":1}";
    }

    /** Takes every waiting job as a worker would, and acks it, so the next assertion starts from an empty queue. */
    private static List<ClaimedJob> claimAll() {
        List<ClaimedJob> jobs = queue.claim("push-test", 100, Duration.ofSeconds(30));
        jobs.forEach(queue::ack);
        return jobs;
    }

    /** As if Redis lost every entry: the ledger stays the truth (and the stale-sync scanner would rebuild them). */
    private static void emptyQueue() {
        try (StatefulRedisConnection<String, String> connection = redis.client().connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor,
                        ScanArgs.Builder.matches(redis.prefix() + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    connection.sync().del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
    }

    /** Row counts and content of everything a notification could change, plus the queue's size. */
    private static Map<String, Long> snapshot() throws SQLException {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        try (Connection connection = schema.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : List.of("google_connection", "sync_state", "sync_run", "push_channel")) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*), coalesce(sum(hashtext(t::text)), 0)"
                        + " FROM " + table + " t")) {
                    rows.next();
                    snapshot.put(table + ".rows", rows.getLong(1));
                    snapshot.put(table + ".content", rows.getLong(2));
                }
            }
        }
        snapshot.put("queue.size", queue.stats().size());
        return snapshot;
    }

    private record Channel(PushChannel row, String token) {

        Map<String, String> headers(String state, long number) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Goog-Channel-ID", row.channelId());
            headers.put("X-Goog-Channel-Token", token);
            headers.put("X-Goog-Channel-Expiration", "Tue, 08 Dec 2026 00:00:00 GMT");
            headers.put("X-Goog-Resource-ID", row.resourceId());
            headers.put("X-Goog-Resource-URI", "https://www.googleapis.com/calendar/v3/calendars/primary/events");
            headers.put("X-Goog-Resource-State", state);
            headers.put("X-Goog-Message-Number", Long.toString(number));
            return headers;
        }
    }

    /** A user with one linked account, linked over the API (which registers the four sources, due now). */
    private record Account(long userId, long connectionId, String email) {

        static Account link() {
            int n = UNIQUE.incrementAndGet();
            String email = "push" + n + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
            long userId = api.post("/v1/users", Map.of("externalId", "push-user-" + email)).json().get("id").asLong();
            ApiClient.Response linked = api.post("/v1/users/" + userId + "/connections", Map.of("accountEmail", email,
                    "oauthClientId", "push-client", "refreshToken", "rt"));
            assertThat(linked.status()).as(linked.body()).isEqualTo(201);
            long connectionId = linked.json().get("id").asLong();
            channels.insert(NewPushChannel.gmailWatch(connectionId, userId, "gmail:" + connectionId + ":w",
                    Instant.now().plus(Duration.ofDays(7))));
            emptyQueue();
            return new Account(userId, connectionId, email);
        }

        /** As a completed sync leaves it: idle, a cursor, the next poll an hour away. */
        void synced(Source source, String cursor) {
            int updated = owner.sql("UPDATE sync_state SET status = 'idle', sync_cursor = ?,"
                            + " next_sync_at = now() + interval '1 hour', last_sync_at = now(),"
                            + " last_successful_sync_at = now(), version = version + 1"
                            + " WHERE connection_id = ? AND source = ?")
                    .params(cursor, connectionId, source.id()).update();
            assertThat(updated).isEqualTo(1);
        }

        Instant nextSyncAt(Source source) {
            return owner.sql("SELECT next_sync_at FROM sync_state WHERE connection_id = ? AND source = ?")
                    .params(connectionId, source.id()).query(OffsetDateTime.class).single().toInstant();
        }

        PushChannel gmailWatch() {
            return channels.activeGmailWatch(connectionId).orElseThrow();
        }

        Channel calendarChannel() {
            return calendarChannel(Instant.now().plus(Duration.ofDays(7)));
        }

        Channel calendarChannel(Instant expiresAt) {
            String token = UUID.randomUUID().toString();
            PushChannel row = channels.insert(NewPushChannel.calendarChannel(connectionId, userId,
                    "cal-" + UUID.randomUUID(), "resource-" + UUID.randomUUID(), "primary",
                    PushChannelStore.hashToken(token), expiresAt));
            return new Channel(row, token);
        }
    }
}
