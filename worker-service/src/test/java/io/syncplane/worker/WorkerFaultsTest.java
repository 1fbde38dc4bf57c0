package io.syncplane.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncRun;
import io.syncplane.ledger.SyncRunOutcome;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.queue.QueueStats;
import io.syncplane.queue.RedisSyncQueue;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerFaultsTest {

    private static final Duration FAST_HEARTBEAT = Duration.ofMillis(50);
    private static final Duration NEVER_BEATS = Duration.ofSeconds(59);

    private WorkerHarness harness;

    @BeforeEach
    void setUp() {
        harness = new WorkerHarness();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void a_due_sync_runs_end_to_end_and_leaves_only_its_next_run_waiting_in_the_queue() {
        SyncState state = harness.register(Source.GMAIL);
        RedisSyncQueue scheduler = harness.newQueue();
        harness.startWorker("w1", new PagedTestJob(harness.items, 3, 4, -1), FAST_HEARTBEAT);

        assertThat(harness.enqueueDue(scheduler).run()).isEqualTo(1);

        await().atMost(10, TimeUnit.SECONDS).until(() -> harness.ledger.states.get(state.key()).status() == SyncStatus.IDLE
                && harness.ledger.states.get(state.key()).cursor() != null);
        assertThat(harness.liveRows(state.key().connectionId())).isEqualTo(12);
        assertThat(harness.ledger.states.get(state.key()).itemsLastRun()).isEqualTo(12);
        // the success scheduled the next run itself: one entry, waiting for its time, nothing running or ready
        await().atMost(5, TimeUnit.SECONDS).until(() -> scheduler.stats().running() == 0);
        QueueStats stats = scheduler.stats();
        assertThat(stats.size()).isEqualTo(1);
        assertThat(stats.delayed().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    }

    @Test
    void a_worker_killed_mid_sync_has_its_sync_resumed_elsewhere_and_every_page_applied_once() {
        SyncState state = harness.register(Source.GMAIL);
        RedisSyncQueue scheduler = harness.newQueue();
        PagedTestJob frozen = new PagedTestJob(harness.items, 5, 4, 2);
        harness.startWorker("doomed", frozen, NEVER_BEATS, 1); // its only slot hangs: it claims nothing more
        harness.enqueueDue(scheduler).run();
        await().atMost(10, TimeUnit.SECONDS).until(() -> frozen.hanging.getCount() == 0);

        // the worker is gone: no heartbeats; its lease runs out
        harness.ledger.clock.advance(WorkerHarness.LEASE.plusSeconds(1));
        harness.reclaimExpired(scheduler).run();
        assertThat(harness.recoverInterrupted(scheduler).run()).isEqualTo(1);
        PagedTestJob healthy = new PagedTestJob(harness.items, 5, 4, -1);
        harness.startWorker("survivor", healthy, FAST_HEARTBEAT);

        await().atMost(10, TimeUnit.SECONDS).until(() -> harness.ledger.states.get(state.key()).status() == SyncStatus.IDLE);
        frozen.resume.countDown(); // the "dead" worker wakes up and tries to write page 3: refused, nothing applied
        await().atMost(10, TimeUnit.SECONDS).until(() -> frozen.pagesWritten.get() == 2 && healthy.pagesWritten.get() == 3);

        assertThat(harness.liveRows(state.key().connectionId())).isEqualTo(20);
        List<SyncRun> runs = harness.ledger.runs.recent(state.key(), 10);
        assertThat(runs).extracting(SyncRun::outcome)
                .containsExactly(SyncRunOutcome.SUCCEEDED, SyncRunOutcome.INTERRUPTED);
        assertThat(runs.get(1).counts().added()).isEqualTo(8);   // pages 1-2, by the doomed worker
        assertThat(runs.get(0).counts().added()).isEqualTo(20);  // the resumed run's total includes them: 8 + 12 new
        assertThat(harness.ledger.states.get(state.key()).cursor()).isEqualTo("cursor-5");
    }

    @Test
    void after_redis_loses_everything_mid_run_all_due_work_is_back_after_one_scan_and_nothing_is_lost() {
        SyncState running = harness.register(Source.GMAIL);
        RedisSyncQueue scheduler = harness.newQueue();
        PagedTestJob job = new PagedTestJob(harness.items, 4, 3, 1);
        harness.startWorker("w1", job, FAST_HEARTBEAT);
        harness.enqueueDue(scheduler).run();
        await().atMost(10, TimeUnit.SECONDS).until(() -> job.hanging.getCount() == 0);
        SyncState waiting1 = harness.register(Source.CALENDAR);
        SyncState waiting2 = harness.register(Source.TASKS);

        flushRedis();

        // the heartbeat finds its lease gone, the run stops at the page boundary and hands itself back to the ledger
        await().atMost(10, TimeUnit.SECONDS).until(() -> harness.ledger.states.get(running.key()).status() == SyncStatus.IDLE);
        assertThat(harness.ledger.states.get(running.key()).checkpoint().pageToken()).isEqualTo("2");
        assertThat(harness.enqueueDue(scheduler).run()).isEqualTo(3);

        await().atMost(10, TimeUnit.SECONDS).until(() -> "cursor-4".equals(harness.ledger.states.get(running.key()).cursor()));
        assertThat(harness.liveRows(running.key().connectionId())).isEqualTo(12);
        assertThat(List.of(waiting1, waiting2)).allSatisfy(s ->
                assertThat(harness.ledger.states.get(s.key()).status()).isIn(SyncStatus.SYNCING, SyncStatus.IDLE,
                        SyncStatus.ERROR));
    }

    @Test
    void a_stopping_worker_hands_its_run_back_from_the_last_checkpoint() {
        SyncState state = harness.register(Source.GMAIL);
        RedisSyncQueue scheduler = harness.newQueue();
        PagedTestJob job = new PagedTestJob(harness.items, 4, 2, 2);
        ClaimLoop worker = harness.startWorker("w1", job, FAST_HEARTBEAT);
        harness.enqueueDue(scheduler).run();
        await().atMost(10, TimeUnit.SECONDS).until(() -> job.hanging.getCount() == 0);

        worker.stop();

        SyncState released = harness.ledger.states.get(state.key());
        assertThat(released.status()).isEqualTo(SyncStatus.IDLE);
        assertThat(released.consecutiveErrors()).isZero();
        assertThat(released.checkpoint().pageToken()).isEqualTo("3");
        assertThat(harness.ledger.runs.recent(state.key(), 1).get(0).outcome()).isEqualTo(SyncRunOutcome.RELEASED);
        assertThat(scheduler.stats().waiting()).isEqualTo(1);
        assertThat(worker.runningCount()).isZero();
    }

    private void flushRedis() {
        try (StatefulRedisConnection<String, String> connection = harness.redis.client().connect()) {
            List<String> keys = connection.sync().keys(harness.redis.prefix() + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
            connection.sync().scriptFlush(); // as after a restart: the queue must reload its scripts
        }
    }
}
