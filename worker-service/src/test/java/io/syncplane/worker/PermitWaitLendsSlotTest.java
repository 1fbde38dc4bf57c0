package io.syncplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncState;
import io.syncplane.limits.RedisRequestPermits;
import io.syncplane.limits.RequestLimits;
import io.syncplane.limits.RequestPermits;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.queue.BackoffPolicy;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncJob;
import io.syncplane.sync.SyncSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's convergence lag: at the default budget of one request per second per user, a poll that sends four
 * requests (Calendar: the calendar list and three calendars) sleeps about three seconds for permits. Holding its
 * worker slot while asleep, it kept the due syncs of other users from being claimed; in the fault bench every slot of
 * every worker was taken, mostly by such sleepers, and polls due every 10 s started 20-30 s apart. A sleeping sync now
 * lends its slot. Real ledger, real Redis queue and request budget, real sleeps, a worker with one slot.
 */
class PermitWaitLendsSlotTest {

    private static final RequestLimits ONE_PER_SECOND = new RequestLimits(1.0, 1, 5, Duration.ofSeconds(3), 0.5,
            Map.of());

    private WorkerHarness harness;
    private StatefulRedisConnection<String, String> permitsConnection;
    private RequestPermits permits;

    @BeforeEach
    void setUp() {
        harness = new WorkerHarness();
        permitsConnection = harness.redis.client().connect();
        permits = new RedisRequestPermits(permitsConnection.async(), harness.redis.prefix(), ONE_PER_SECOND,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Clock.systemUTC(), RedisRequestPermits.sleeping(),
                SyncplaneMetrics.none());
    }

    @AfterEach
    void tearDown() {
        harness.close();
        permitsConnection.close();
    }

    @Test
    void another_users_sync_runs_while_the_only_slot_sleeps_for_its_users_request_permits() throws Exception {
        Timeline timeline = runOneSleeperThenOneQuickSync(null);

        // the quick sync of user B ran and finished while user A's sync waited for its second..fourth permits
        assertThat(timeline.quickEnded).isBefore(timeline.sleeperEnded);
        assertThat(Duration.between(timeline.quickEnqueued, timeline.quickEnded)).isLessThan(Duration.ofSeconds(2));
        // and A lost nothing by it: its four requests still went one a second
        assertThat(Duration.between(timeline.sleeperStarted, timeline.sleeperEnded))
                .isBetween(Duration.ofMillis(2900), Duration.ofMillis(4500));
    }

    @Test
    void with_no_waiting_syncs_allowed_the_sleeper_keeps_its_slot_and_the_other_user_waits_for_it() throws Exception {
        Timeline timeline = runOneSleeperThenOneQuickSync(0);

        assertThat(timeline.quickStarted).isAfterOrEqualTo(timeline.sleeperEnded);
    }

    /** User A's sync sends four requests; once it holds the worker's one slot, user B's sync (one request) falls due. */
    private Timeline runOneSleeperThenOneQuickSync(Integer maxWaitingSyncs) throws Exception {
        SyncState sleeper = harness.register(Source.GMAIL);
        RedisSyncQueue scheduler = harness.newQueue();
        Timeline timeline = new Timeline();
        RequestingJob job = new RequestingJob(Map.of(sleeper.key().connectionId(), 4));
        WorkerProperties properties = new WorkerProperties("w1", 1, WorkerHarness.LEASE, Duration.ofMillis(50),
                Duration.ofMillis(20), Duration.ofSeconds(5), null, maxWaitingSyncs);
        RedisSyncQueue queue = harness.newQueue();
        ClaimLoop loop = new ClaimLoop(queue, new SyncRunner(harness.ledger.states, queue, new SyncJobs(List.of(job)),
                harness.ledger.transactions, BackoffPolicy.googleDefaults(new SplittableRandom(7)), properties,
                harness.ledger.clock, new SimpleMeterRegistry()),
                new LeaseKeeper(queue, harness.ledger.states, WorkerHarness.LEASE, harness.ledger.clock), properties);
        loop.start();
        try {
            assertThat(harness.enqueueDue(scheduler).run()).isEqualTo(1);
            assertThat(job.firstPermit.await(10, TimeUnit.SECONDS)).isTrue();

            SyncState quick = harness.register(Source.GMAIL);
            assertThat(quick.userId()).isNotEqualTo(sleeper.userId());
            timeline.quickConnection = quick.key().connectionId();
            timeline.quickEnqueued = Instant.now();
            assertThat(harness.enqueueDue(scheduler).run()).isEqualTo(1);

            assertThat(job.done.await(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            loop.stop();
        }
        timeline.sleeperStarted = job.started.get(sleeper.key().connectionId());
        timeline.sleeperEnded = job.ended.get(sleeper.key().connectionId());
        timeline.quickStarted = job.started.get(timeline.quickConnection);
        timeline.quickEnded = job.ended.get(timeline.quickConnection);
        return timeline;
    }

    private static final class Timeline {
        volatile long quickConnection;
        volatile Instant quickEnqueued;
        Instant sleeperStarted;
        Instant sleeperEnded;
        Instant quickStarted;
        Instant quickEnded;
    }

    /** Sends {@code requests} requests (one by default) under the connection's user budget, then completes. */
    private final class RequestingJob implements SyncJob {
        private final Map<Long, Integer> requests;
        final Map<Long, Instant> started = new ConcurrentHashMap<>();
        final Map<Long, Instant> ended = new ConcurrentHashMap<>();
        final CountDownLatch firstPermit = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(2);

        RequestingJob(Map<Long, Integer> requests) {
            this.requests = requests;
        }

        @Override
        public Source source() {
            return Source.GMAIL;
        }

        @Override
        public void run(SyncSession session) throws Exception {
            long connection = session.state().key().connectionId();
            started.put(connection, Instant.now());
            for (int i = 0; i < requests.getOrDefault(connection, 1); i++) {
                permits.acquire(session.state().userId(), 1.0).close();
                firstPermit.countDown();
            }
            session.complete(() -> harness.items.write(SyncedTables.GMAIL_MESSAGE, connection,
                    List.of(SyncedItem.live(List.of("m" + connection), Map.of("subject", "s"), "{}")), null),
                    "cursor");
            ended.put(connection, Instant.now());
            done.countDown();
        }
    }
}
