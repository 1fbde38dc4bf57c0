package io.syncplane.api.bench;

import io.syncplane.api.support.ApiClient;
import io.syncplane.api.support.ServiceStart;
import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.emulator.push.PushSettings;
import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.SpringBackendProperties;
import io.syncplane.testing.TestBackends;
import io.syncplane.worker.WorkerServiceApplication;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark (not a test): mutation at "Google" → its row visible in Postgres, with push and with polling only.
 *
 * <p>Each configuration gets a fresh emulator, schema and Redis prefix, and the full stack in this process: the
 * api-service (webhooks) and a worker (default settings but the poll intervals), against the emulator's real pushes.
 * {@code PUSH_BENCH_ACCOUNTS} (200) background accounts plus {@code PUSH_BENCH_SAMPLE_ACCOUNTS} (20) are linked and
 * fully synced (push: until every Gmail watch and Calendar channel is registered), then the emulator's random activity
 * runs at {@code PUSH_BENCH_ACTIVITY} (10) mutations/s across all of them, and {@code PUSH_BENCH_SAMPLES} (50) single
 * Gmail messages are added to the sample accounts, round robin, each timed from the admin call to the row in
 * gmail_message (polled every 2 ms on a separate connection).
 *
 * <p>Push: one mutation at a time (the next after the previous is visible and 200 ms), polls an hour away, so a sample
 * is served by push alone. Poll-only (the baseline): push off, Gmail polled every {@code PUSH_BENCH_POLL_INTERVAL_S}
 * (30) seconds — Nango's fastest schedule; Syncplane's default is 5 minutes — with the samples spread evenly over one
 * poll interval without waiting for each other, since each waits for its own account's next poll anyway. Prints one
 * JSON line.
 */
public final class PushLatencyBenchmark {

    private static final String OPERATOR_KEY = "bench-operator-key-0123456789";

    public static void main(String[] args) throws Exception {
        int accounts = intProperty("PUSH_BENCH_ACCOUNTS", 200);
        int sampleAccounts = intProperty("PUSH_BENCH_SAMPLE_ACCOUNTS", 20);
        int samples = intProperty("PUSH_BENCH_SAMPLES", 50);
        double activity = intProperty("PUSH_BENCH_ACTIVITY", 10);
        int pollSeconds = intProperty("PUSH_BENCH_POLL_INTERVAL_S", 30);
        // the queue's push debounce (production default 2 s): a push within it of the last push-triggered run waits
        int debounceMs = intProperty("PUSH_BENCH_DEBOUNCE_MS", 2000);

        List<Double> push;
        try (Stack stack = Stack.start(true, accounts + sampleAccounts, pollSeconds, debounceMs)) {
            stack.emulator.admin().activityRate(activity);
            Thread.sleep(3000); // the background load reaches a steady state
            push = stack.sequentialSamples(accounts, sampleAccounts, samples);
            log("push: p50 %.0f ms, p99 %.0f ms; push stats %s", percentile(push, 0.5), percentile(push, 0.99),
                    stack.emulator.admin().pushStats());
        }
        List<Double> poll;
        try (Stack stack = Stack.start(false, accounts + sampleAccounts, pollSeconds, debounceMs)) {
            stack.emulator.admin().activityRate(activity);
            Thread.sleep(3000);
            poll = stack.spreadSamples(accounts, sampleAccounts, samples, Duration.ofSeconds(pollSeconds),
                    Duration.ofSeconds(pollSeconds * 4L));
            log("poll: p50 %.0f ms, p99 %.0f ms", percentile(poll, 0.5), percentile(poll, 0.99));
        }
        System.out.println(String.format(Locale.ROOT, "{\"bench\":\"push-latency\",\"accounts\":%d,"
                        + "\"activity_per_s\":%.0f,\"samples\":%d,\"push_debounce_ms\":%d,"
                        + "\"push\":{\"p50_ms\":%.0f,\"p95_ms\":%.0f,\"p99_ms\":%.0f,\"max_ms\":%.0f},"
                        + "\"baseline\":\"poll-only, Gmail polled every %d s\","
                        + "\"poll\":{\"p50_ms\":%.0f,\"p95_ms\":%.0f,\"p99_ms\":%.0f,\"max_ms\":%.0f},"
                        + "\"ratio\":%.4f,\"target\":\"push p99 < 500 ms\",\"target_met\":%s}",
                accounts + sampleAccounts, activity, samples, debounceMs,
                percentile(push, 0.5), percentile(push, 0.95), percentile(push, 0.99), Collections.max(push),
                pollSeconds, percentile(poll, 0.5), percentile(poll, 0.95), percentile(poll, 0.99),
                Collections.max(poll), percentile(push, 0.99) / percentile(poll, 0.99),
                percentile(push, 0.99) < 500));
        System.exit(0); // JobRunr and HTTP client threads would keep the JVM up
    }

    /** One configuration: emulator, api-service and worker, with every account linked and fully synced. */
    private static final class Stack implements AutoCloseable {

        final GoogleEmulator emulator;
        final PostgresSchema schema;
        final RedisNamespace redis;
        final ConfigurableApplicationContext api;
        final ConfigurableApplicationContext worker;
        final ApiClient client;
        final Map<Integer, Long> connections = new ConcurrentHashMap<>();

        private Stack(GoogleEmulator emulator, PostgresSchema schema, RedisNamespace redis,
                      ConfigurableApplicationContext api, ConfigurableApplicationContext worker, ApiClient client) {
            this.emulator = emulator;
            this.schema = schema;
            this.redis = redis;
            this.api = api;
            this.worker = worker;
            this.client = client;
        }

        static Stack start(boolean push, int users, int pollSeconds, int debounceMs) throws Exception {
            int apiPort = ServiceStart.freePort();
            String base = "http://127.0.0.1:" + apiPort;
            String gmailWebhook = base + "/webhooks/google/gmail";
            GoogleEmulator emulator = GoogleEmulator.builder().users(users).seed(7).messagesPerUser(5)
                    .eventsPerUser(2).contactsPerUser(1).tasksPerUser(1).quotasEnabled(false)
                    .pubsubPushEndpoint(push ? gmailWebhook : null).pushRetryBackoff(Duration.ofMillis(200))
                    .start();
            PostgresSchema schema = TestBackends.newPostgresSchema();
            RedisNamespace redis = TestBackends.newRedisNamespace();
            OAuthCredentials app = emulator.admin().credentials(emulator.admin().email(1));
            Map<String, String> common = new LinkedHashMap<>(SpringBackendProperties.of(schema, redis));
            common.put("syncplane.google.root-url", emulator.rootUrl());
            common.put("syncplane.google.token-url", emulator.tokenUrl());
            common.put("syncplane.google.clients[0].id", app.clientId());
            common.put("syncplane.google.clients[0].secret", app.clientSecret());
            common.put("syncplane.push.enabled", String.valueOf(push));
            if (push) {
                common.put("syncplane.push.gmail-topic", "projects/bench/topics/gmail");
                common.put("syncplane.push.calendar-webhook-url", base + "/webhooks/google/calendar");
                common.put("syncplane.push.push-audience", gmailWebhook);
                common.put("syncplane.push.push-service-account", PushSettings.defaults().serviceAccountEmail());
                common.put("syncplane.push.jwks-url", emulator.jwksUrl());
                common.put("syncplane.push.safety-poll-interval", "1h");
                common.put("syncplane.push.degraded-poll-interval", "1h");
            }
            common.put("logging.level.root", "WARN");
            common.put("syncplane.redis.push-debounce", debounceMs + "ms");
            Map<String, String> apiProperties = new LinkedHashMap<>(common);
            apiProperties.put("server.port", String.valueOf(apiPort));
            apiProperties.put("syncplane.api.bootstrap-key", OPERATOR_KEY);
            ConfigurableApplicationContext api = ServiceStart.api(apiProperties);
            Map<String, String> workerProperties = new HashMap<>(common);
            workerProperties.put("spring.config.location", ServiceStart.ownConfig("worker-service"));
            workerProperties.put("server.port", "0");
            workerProperties.put("jobrunr.dashboard.enabled", "false");
            String interval = push ? "1h" : pollSeconds + "s";
            workerProperties.put("syncplane.worker.poll-intervals.gmail", interval);
            for (String source : List.of("calendar", "contacts", "tasks")) {
                workerProperties.put("syncplane.worker.poll-intervals." + source, push ? "1h" : "10m");
            }
            ConfigurableApplicationContext worker = ServiceStart.run(WorkerServiceApplication.class,
                    workerProperties);
            Stack stack = new Stack(emulator, schema, redis, api, worker, new ApiClient(base, OPERATOR_KEY));
            stack.linkAll(users, app);
            stack.awaitSynced(users, push);
            return stack;
        }

        void linkAll(int users, OAuthCredentials app) {
            for (int i = 1; i <= users; i++) {
                String email = emulator.admin().email(i);
                long userId = client.post("/v1/users", Map.of("externalId", "bench-" + i)).json().get("id").asLong();
                ApiClient.Response linked = client.post("/v1/users/" + userId + "/connections", Map.of(
                        "accountEmail", email, "oauthClientId", app.clientId(),
                        "refreshToken", emulator.admin().credentials(email).refreshToken()));
                if (linked.status() != 201) {
                    throw new IllegalStateException("linking " + email + ": " + linked);
                }
                connections.put(i, linked.json().get("id").asLong());
            }
        }

        void awaitSynced(int users, boolean push) throws Exception {
            Instant started = Instant.now();
            Instant deadline = started.plus(Duration.ofMinutes(10));
            while (true) {
                long unsynced = scalar("SELECT count(*) FROM sync_state WHERE last_successful_sync_at IS NULL");
                long channels = scalar("SELECT count(*) FROM push_channel WHERE status = 'active'");
                if (unsynced == 0 && (!push || channels >= 2L * users)) {
                    log("%s: %d accounts synced%s in %d s", push ? "push" : "poll", users,
                            push ? " and watched" : "", Duration.between(started, Instant.now()).toSeconds());
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("not synced in time: " + unsynced + " sources unsynced, "
                            + channels + " channels");
                }
                Thread.sleep(500);
            }
        }

        List<Double> sequentialSamples(int background, int sampleAccounts, int samples) throws Exception {
            List<Double> latencies = new ArrayList<>();
            try (Connection db = schema.dataSource().getConnection()) {
                for (int n = 0; n < samples; n++) {
                    int user = background + 1 + n % sampleAccounts;
                    long started = System.nanoTime();
                    String id = emulator.admin().addMessage(emulator.admin().email(user),
                            NewMessage.of("latency " + n)).id();
                    awaitRow(db, connections.get(user), id, started, Duration.ofSeconds(60));
                    latencies.add((System.nanoTime() - started) / 1e6);
                    Thread.sleep(200);
                }
            }
            return latencies;
        }

        List<Double> spreadSamples(int background, int sampleAccounts, int samples, Duration spreadOver,
                                   Duration timeout) throws Exception {
            Map<String, Long> startedById = new LinkedHashMap<>();
            Map<String, Long> connectionById = new HashMap<>();
            for (int n = 0; n < samples; n++) {
                int user = background + 1 + n % sampleAccounts;
                long started = System.nanoTime();
                String id = emulator.admin().addMessage(emulator.admin().email(user),
                        NewMessage.of("latency " + n)).id();
                startedById.put(id, started);
                connectionById.put(id, connections.get(user));
                // spread over one poll interval: the accounts' polls are in step (they were linked together), so
                // samples added at once would all see the same phase of it
                Thread.sleep(spreadOver.toMillis() / samples);
            }
            List<Double> latencies = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            try (Connection db = schema.dataSource().getConnection()) {
                while (!startedById.isEmpty()) {
                    for (var it = startedById.entrySet().iterator(); it.hasNext(); ) {
                        var sample = it.next();
                        if (visible(db, connectionById.get(sample.getKey()), sample.getKey())) {
                            latencies.add((System.nanoTime() - sample.getValue()) / 1e6);
                            it.remove();
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(startedById.size() + " samples never became visible");
                    }
                    Thread.sleep(20);
                }
            }
            return latencies;
        }

        private static void awaitRow(Connection db, long connectionId, String messageId, long started,
                                     Duration timeout) throws Exception {
            while (!visible(db, connectionId, messageId)) {
                if (System.nanoTime() - started > timeout.toNanos()) {
                    throw new IllegalStateException("message " + messageId + " never became visible");
                }
                Thread.sleep(2);
            }
        }

        private static boolean visible(Connection db, long connectionId, String messageId) throws SQLException {
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT 1 FROM gmail_message WHERE connection_id = ? AND message_id = ?")) {
                query.setLong(1, connectionId);
                query.setString(2, messageId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        }

        private long scalar(String sql) throws SQLException {
            try (Connection db = schema.dataSource().getConnection();
                 PreparedStatement query = db.prepareStatement(sql);
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }

        @Override
        public void close() {
            emulator.admin().activityRate(0);
            worker.close();
            api.close();
            emulator.close();
            schema.close();
            redis.close();
        }
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static int intProperty(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static void log(String format, Object... values) {
        System.err.println("[push-latency] " + String.format(Locale.ROOT, format, values));
    }
}
