package io.syncplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.limits.RequestBudgetExhaustedException;
import io.syncplane.queue.ClaimedJob;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.sync.RateLimitedException;
import io.syncplane.sync.ReauthorizationRequiredException;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.queue.BackoffPolicy;
import io.syncplane.queue.QueueSettings;
import io.syncplane.testing.TcpProxy;
import io.syncplane.testing.TestBackends;
import java.net.URI;
import java.time.Duration;
import java.util.SplittableRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the runner settles each way a sync can end, in the ledger and in the queue. */
class SyncRunnerOutcomesTest {

    private WorkerHarness harness;
    private RedisSyncQueue queue;
    private PagedTestJob job;
    private SyncRunner runner;
    private SyncState state;

    @BeforeEach
    void setUp() {
        harness = new WorkerHarness();
        queue = harness.newQueue();
        job = new PagedTestJob(harness.items, 2, 2, -1);
        runner = harness.runner(queue, "w1", job);
        state = harness.register(Source.GMAIL);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void a_rate_limit_waits_for_googles_time_without_counting_a_failure() {
        Instant until = harness.ledger.clock.instant().plusSeconds(90);
        job.failure = () -> new RateLimitedException("403 userRateLimitExceeded", until, null);

        runOnce();

        SyncState after = harness.ledger.states.get(state.key());
        assertThat(after.status()).isEqualTo(SyncStatus.RATE_LIMITED);
        assertThat(after.nextSyncAt()).isEqualTo(until);
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(queue.claim("w2", 1, Duration.ofSeconds(30))).isEmpty();
        harness.ledger.clock.set(until.plusSeconds(1));
        assertThat(queue.claim("w2", 1, Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void a_spent_request_budget_defers_the_sync_without_a_failure_or_a_rate_limited_state() {
        Instant permitsBack = harness.ledger.clock.instant().plusSeconds(4);
        job.failure = () -> new RequestBudgetExhaustedException(7, "rate", permitsBack);

        runOnce();

        SyncState after = harness.ledger.states.get(state.key());
        assertThat(after.status()).as("our own pacing, not Google's: nothing to show as degraded")
                .isEqualTo(SyncStatus.IDLE);
        assertThat(after.nextSyncAt()).isEqualTo(permitsBack);
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(queue.claim("w2", 1, Duration.ofSeconds(30))).isEmpty();
        harness.ledger.clock.set(permitsBack);
        List<ClaimedJob> resumed = queue.claim("w2", 1, Duration.ofSeconds(30));
        assertThat(resumed).hasSize(1);
        assertThat(resumed.get(0).attempt()).as("no failure counted").isEqualTo(1);

        job.failure = null;
        runner.run(new RunningSync(resumed.get(0), () -> false));
        assertThat(harness.ledger.states.get(state.key()).cursor()).isEqualTo("cursor-2");
    }

    @Test
    void a_success_the_queue_cannot_be_told_of_stays_a_success_for_the_scanner_to_schedule() throws Exception {
        URI upstream = URI.create(TestBackends.endpoints().redisUri());
        try (TcpProxy proxy = new TcpProxy(upstream.getHost(), upstream.getPort())) {
            RedisClient client = RedisClient.create(proxy.redisUri());
            QueueSettings settings = QueueSettings.defaults().withKeyPrefix(harness.redis.prefix())
                    .withCommandTimeout(Duration.ofMillis(500));
            client.setOptions(RedisSyncQueue.recommendedClientOptions(settings.commandTimeout()));
            try (RedisSyncQueue cut = RedisSyncQueue.connect(client, settings, harness.ledger.clock)) {
                // Redis goes away after the run committed, before the queue hears of it
                SyncRunner runner = new SyncRunner(harness.ledger.states, cut, new SyncJobs(List.of(job)),
                        harness.ledger.transactions, BackoffPolicy.googleDefaults(new SplittableRandom(7)),
                        new WorkerProperties("w1", 2, Duration.ofSeconds(60), Duration.ofMillis(50),
                                Duration.ofMillis(20), Duration.ofSeconds(5), null, null),
                        harness.ledger.clock, new SimpleMeterRegistry(),
                        (completing, thisRun) -> Duration.ofMinutes(5), completed -> proxy.goDown());
                cut.enqueue(state.key(), SyncTrigger.MANUAL, SyncMode.FULL, harness.ledger.clock.instant());
                ClaimedJob claimed = cut.claim("w1", 1, Duration.ofSeconds(60)).get(0);

                runner.run(new RunningSync(claimed, () -> false));

                SyncState after = harness.ledger.states.get(state.key());
                assertThat(after.status()).isEqualTo(SyncStatus.IDLE);
                assertThat(after.consecutiveErrors()).isZero();
                assertThat(after.lastError()).isNull();
                assertThat(after.cursor()).isEqualTo("cursor-2");
                assertThat(after.nextSyncAt()).isEqualTo(harness.ledger.clock.instant().plus(Duration.ofMinutes(5)));
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void a_lost_grant_stops_the_sync_until_reauthorised_and_is_not_retried() {
        job.failure = () -> new ReauthorizationRequiredException("invalid_grant", null);

        runOnce();

        SyncState after = harness.ledger.states.get(state.key());
        assertThat(after.status()).isEqualTo(SyncStatus.NEEDS_REAUTH);
        assertThat(after.nextSyncAt()).isNull();
        harness.ledger.clock.advance(Duration.ofHours(1));
        assertThat(queue.claim("w2", 1, Duration.ofSeconds(30))).isEmpty();
        assertThat(harness.enqueueDue(queue).run()).isZero();
    }

    @Test
    void a_failure_is_retried_with_backoff_and_recorded() {
        job.failure = () -> new IllegalStateException("500 backendError");

        runOnce();

        SyncState after = harness.ledger.states.get(state.key());
        assertThat(after.status()).isEqualTo(SyncStatus.ERROR);
        assertThat(after.consecutiveErrors()).isEqualTo(1);
        assertThat(after.lastError()).contains("500 backendError");
        assertThat(after.nextSyncAt()).isBetween(harness.ledger.clock.instant(),
                harness.ledger.clock.instant().plusSeconds(1));
        harness.ledger.clock.advance(Duration.ofSeconds(2));
        List<ClaimedJob> retried = queue.claim("w2", 1, Duration.ofSeconds(30));
        assertThat(retried).hasSize(1);
        assertThat(retried.get(0).attempt()).isEqualTo(2);
    }

    @Test
    void a_disabled_sync_is_dropped_without_running() {
        harness.ledger.states.disable(state, "connection removed");

        runOnce();

        assertThat(job.pagesWritten.get()).isZero();
        assertThat(queue.stats().size()).isZero();
    }

    private void runOnce() {
        queue.enqueue(state.key(), io.syncplane.domain.SyncTrigger.MANUAL, io.syncplane.domain.SyncMode.FULL,
                harness.ledger.clock.instant());
        List<ClaimedJob> claimed = queue.claim("w1", 1, Duration.ofSeconds(60));
        assertThat(claimed).hasSize(1);
        runner.run(new RunningSync(claimed.get(0), () -> false));
    }
}
