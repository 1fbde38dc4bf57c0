package io.syncplane.connector.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.domain.Source;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.limits.RedisRequestPermits;
import io.syncplane.limits.RequestBudgetExhaustedException;
import io.syncplane.limits.RequestLimits;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.TestBackends;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The per-user request budget on the real wire: the Gmail connector's requests through the real client library, each
 * taking a Redis permit, checked from Google's side by the emulator's request log (where a batch is one request).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailRequestBudgetTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ConnectorHarness harness;
    private RedisNamespace redis;
    private StatefulRedisConnection<String, String> connection;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        harness = new ConnectorHarness(b -> b.users(4).messagesPerUser(40).quotasEnabled(false));
        redis = TestBackends.newRedisNamespace();
        connection = redis.client().connect();
    }

    @AfterAll
    void stop() {
        connection.close();
        redis.close();
        harness.close();
    }

    @Test
    void a_full_sync_under_the_budget_completes_with_one_request_in_flight_at_a_time() throws Exception {
        // Pages of 10 fetched in two batches of 5, each answered after 150 ms: without the cap the two batches of a
        // page are in flight together; the rate is high enough not to space them apart.
        RequestLimits limits = new RequestLimits(1000, 100, 1, Duration.ofSeconds(5), 0.5, Map.of());
        GmailSyncJob job = job(limits);
        Linked user = harness.link(1);
        harness.emulator.admin().userFaults(user.email(), FaultPlan.latency(Duration.ofMillis(150)));

        Run run = harness.sync(job, user.key(Source.GMAIL));

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(run.state().itemsLastRun()).isEqualTo(40);
        JsonNode seen = requestsOf(user.email(), 1);
        assertThat(seen.get("maxInFlight").asInt()).as("the in-flight cap, seen by Google: %s", seen).isEqualTo(1);
        assertThat(seen.get("requests").asInt()).as("4 list pages and 8 batches at least").isGreaterThanOrEqualTo(12);
    }

    @Test
    void the_rate_holds_on_the_wire() throws Exception {
        RequestLimits limits = new RequestLimits(20, 1, 5, Duration.ofSeconds(5), 0.5, Map.of());
        Linked user = harness.link(3);

        Run run = harness.sync(job(limits), user.key(Source.GMAIL));

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        JsonNode seen = requestsOf(user.email(), 1);
        // 20/s with a burst of 1: a 1 s window holds 20 starts at most (13 are sent in all, so more than 1 s apart
        // at 20/s means the whole sync spans at least 0.6 s)
        assertThat(seen.get("maxInWindow").asInt()).isLessThanOrEqualTo(20);
        assertThat(seen.get("spanSeconds").asDouble()).isGreaterThanOrEqualTo((seen.get("requests").asInt() - 1) / 20.0
                * 0.95);
    }

    @Test
    void a_spent_budget_ends_the_run_through_the_client_library_as_a_deferral() {
        RequestLimits limits = new RequestLimits(0.2, 2, 5, Duration.ZERO, 0.5, Map.of());
        Linked user = harness.link(2);

        Run run = harness.sync(job(limits), user.key(Source.GMAIL));

        assertThat(run.error()).isInstanceOf(RequestBudgetExhaustedException.class);
        assertThat(run.state().itemsLastRun()).isLessThan(40);
    }

    private GmailSyncJob job(RequestLimits limits) {
        RedisRequestPermits permits = new RedisRequestPermits(connection.async(), redis.prefix(), limits,
                Duration.ofSeconds(30), TIMEOUT, Clock.systemUTC(), RedisRequestPermits.sleeping(),
                SyncplaneMetrics.none());
        return new GmailSyncJob(harness.clientsUnder(permits, limits), harness.items, harness.sweep,
                harness.ledger.clock, GmailSyncSettings.defaults().withPageSize(10).withBatchSize(5),
                GmailQuotaPacer.sleeping(10_000, Clock.systemUTC()));
    }

    private JsonNode requestsOf(String email, int windowSeconds) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(harness.emulator.rootUrl()
                + "admin/requests?windowSeconds=" + windowSeconds)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body()).get("users").get(email);
    }
}
