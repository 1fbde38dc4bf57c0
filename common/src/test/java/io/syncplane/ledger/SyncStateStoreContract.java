package io.syncplane.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link SyncStateStore} must do. An implementation's test extends this and supplies the store, its run
 * log, a clock it controls, and fresh keys.
 */
public abstract class SyncStateStoreContract {

    protected static final Duration LEASE = Duration.ofMinutes(2);

    protected abstract SyncStateStore store();

    protected abstract SyncRunStore runs();

    protected abstract MutableClock clock();

    /** A key for a newly created connection, and the id of its user. */
    protected abstract SyncKey newKey(Source source);

    protected abstract long userIdOf(SyncKey key);

    // ---- helpers that read like the scenarios they set up

    protected SyncState registered() {
        SyncKey key = newKey(Source.GMAIL);
        return store().register(key, userIdOf(key), now());
    }

    protected SyncState syncing() {
        return store().start(registered(), startBy("worker-1"));
    }

    protected SyncStart startBy(String worker) {
        return new SyncStart(worker, SyncTrigger.SCHEDULE, now().plus(LEASE));
    }

    protected SyncState inStatus(SyncStatus status) {
        return switch (status) {
            case IDLE -> registered();
            case SYNCING -> syncing();
            case ERROR -> store().fail(syncing(), new SyncFailure("boom", now().plusSeconds(30)));
            case RATE_LIMITED -> store().rateLimit(syncing(), now().plusSeconds(60), "403 userRateLimitExceeded");
            case NEEDS_REAUTH -> store().requireReauthorization(registered(), "invalid_grant");
            case DISABLED -> store().disable(registered(), "removed");
        };
    }

    protected Instant now() {
        return clock().instant();
    }

    private SyncState apply(SyncState s, SyncEvent event) {
        return switch (event) {
            case START -> store().start(s, startBy("worker-2"));
            case CHECKPOINT -> store().checkpoint(s, SyncCheckpoint.of("list", "page-2", new SyncCounts(5, 0, 0)));
            case CLEAR_CURSOR -> store().clearCursor(s, "expired");
            case COMPLETE -> store().complete(s, new SyncCompletion("c-1", new SyncCounts(1, 2, 3), now().plusSeconds(300)));
            case FAIL -> store().fail(s, new SyncFailure("timeout", now().plusSeconds(10)));
            case RATE_LIMIT -> store().rateLimit(s, now().plusSeconds(60), "429");
            case RELEASE -> store().release(s, now());
            case RECOVER_INTERRUPTED -> store().recoverInterrupted(s);
            case REQUIRE_REAUTH -> store().requireReauthorization(s, "invalid_grant");
            case REAUTHORIZE -> store().reauthorize(s, now());
            case SCHEDULE -> store().schedule(s, now());
            case DISABLE -> store().disable(s, "removed");
            case ENABLE -> store().enable(s, now());
        };
    }

    static Stream<Arguments> everyStatusAndEvent() {
        return Stream.of(SyncStatus.values())
                .flatMap(status -> Stream.of(SyncEvent.values()).map(event -> Arguments.of(status, event)));
    }

    // ---- registration

    @Test
    void registering_creates_an_idle_state_due_at_once_with_no_cursor() {
        SyncState state = registered();

        assertThat(state.status()).isEqualTo(SyncStatus.IDLE);
        assertThat(state.cursor()).isNull();
        assertThat(state.modeOfNextRun()).isEqualTo(SyncMode.FULL);
        assertThat(state.nextSyncAt()).isEqualTo(now());
        assertThat(state.isDueAt(now())).isTrue();
    }

    @Test
    void registering_twice_keeps_the_first_state() {
        SyncState first = store().start(registered(), startBy("w"));

        SyncState again = store().register(first.key(), first.userId(), now().plusSeconds(999));

        assertThat(again).isEqualTo(first);
    }

    // ---- the state machine, exhaustively

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyStatusAndEvent")
    void every_event_is_applied_exactly_when_the_state_machine_allows_it(SyncStatus status, SyncEvent event) {
        SyncState before = inStatus(status);
        List<SyncRun> runsBefore = runs().recent(before.key(), 100);
        clock().advance(LEASE.plusSeconds(1)); // so that RECOVER_INTERRUPTED finds the lease expired

        if (SyncStateMachine.isAllowed(status, event)) {
            SyncState after = apply(before, event);
            assertThat(after.status()).isEqualTo(SyncStateMachine.target(status, event).orElseThrow());
            assertThat(after.version()).isEqualTo(before.version() + 1);
            assertThat(store().get(before.key())).isEqualTo(after);
        } else {
            assertThatThrownBy(() -> apply(before, event))
                    .isInstanceOf(IllegalSyncTransitionException.class)
                    .hasMessageContaining(event.name());
            assertThat(store().get(before.key())).isEqualTo(before);
            assertThat(runs().recent(before.key(), 100)).isEqualTo(runsBefore);
        }
    }

    @Test
    void a_transition_on_a_stale_copy_is_refused_and_changes_nothing() {
        SyncState read = syncing();
        SyncState moved = store().checkpoint(read, SyncCheckpoint.of("list", "p2", SyncCounts.ZERO));

        assertThatThrownBy(() -> store().complete(read, new SyncCompletion("c", SyncCounts.ZERO, now())))
                .isInstanceOf(StaleSyncStateException.class);
        assertThat(store().get(read.key())).isEqualTo(moved);
    }

    @Test
    void of_two_concurrent_starts_of_one_row_exactly_one_wins() throws Exception {
        SyncState read = registered();
        int contenders = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<SyncState>> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String worker = "worker-" + i;
                attempts.add(pool.submit((Callable<SyncState>) () -> {
                    go.await();
                    return store().start(read, startBy(worker));
                }));
            }
            go.countDown();
            List<SyncState> winners = new ArrayList<>();
            int stale = 0;
            for (Future<SyncState> attempt : attempts) {
                try {
                    winners.add(attempt.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(StaleSyncStateException.class);
                    stale++;
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(stale).isEqualTo(contenders - 1);
            assertThat(store().get(read.key())).isEqualTo(winners.get(0));
            assertThat(runs().recent(read.key(), 100)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- starting without reading first (the worker's common case)

    static Stream<Arguments> startableNow() {
        return Stream.of(Arguments.of(SyncStatus.IDLE, false), Arguments.of(SyncStatus.IDLE, true),
                Arguments.of(SyncStatus.ERROR, true), Arguments.of(SyncStatus.RATE_LIMITED, true));
    }

    @ParameterizedTest(name = "{0}, with a cursor: {1}")
    @MethodSource("startableNow")
    void starting_a_waiting_sync_unread_gives_the_state_and_run_that_start_gives(SyncStatus status,
                                                                                  boolean withCursor) {
        SyncState before = inStatus(status);
        if (withCursor) {
            SyncState running = before.status() == SyncStatus.SYNCING ? before : store().start(before, startBy("w"));
            SyncState done = store().complete(running, new SyncCompletion("history-9", SyncCounts.ZERO, now()));
            before = status == SyncStatus.IDLE ? done : store().get(done.key());
            if (status != SyncStatus.IDLE) {
                SyncState again = store().start(before, startBy("w"));
                before = status == SyncStatus.ERROR
                        ? store().fail(again, new SyncFailure("boom", now().plusSeconds(30)))
                        : store().rateLimit(again, now().plusSeconds(60), "429");
            }
        }
        clock().advance(Duration.ofSeconds(61)); // past the rate limit, if any
        SyncStart start = startBy("worker-9");

        SyncState started = store().startIfWaiting(before.key(), start).orElseThrow();

        assertThat(started).isEqualTo(SyncTransitions.start(before, start, started.currentRunId(), now()));
        assertThat(store().get(before.key())).isEqualTo(started);
        SyncRun run = runs().find(started.currentRunId()).orElseThrow();
        assertThat(run.outcome()).isEqualTo(SyncRunOutcome.RUNNING);
        assertThat(run.mode()).isEqualTo(withCursor ? SyncMode.INCREMENTAL : SyncMode.FULL);
        assertThat(run.mode()).isEqualTo(before.modeOfNextRun());
        assertThat(run.trigger()).isEqualTo(start.trigger());
        assertThat(run.workerId()).isEqualTo("worker-9");
        assertThat(run.startedAt()).isEqualTo(now());
        assertThat(run.key()).isEqualTo(before.key());
        assertThat(runs().recent(before.key(), 1)).containsExactly(run);
    }

    static Stream<Arguments> notStartableNow() {
        return Stream.of(Arguments.of(SyncStatus.SYNCING), Arguments.of(SyncStatus.RATE_LIMITED),
                Arguments.of(SyncStatus.NEEDS_REAUTH), Arguments.of(SyncStatus.DISABLED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notStartableNow")
    void a_sync_that_needs_a_decision_first_is_not_started_unread_and_nothing_changes(SyncStatus status) {
        SyncState before = inStatus(status); // rate_limited: for 60 s more
        List<SyncRun> runsBefore = runs().recent(before.key(), 100);

        assertThat(store().startIfWaiting(before.key(), startBy("worker-9"))).isEmpty();
        assertThat(store().get(before.key())).isEqualTo(before);
        assertThat(runs().recent(before.key(), 100)).isEqualTo(runsBefore);
    }

    @Test
    void a_sync_with_no_state_is_not_started_unread() {
        SyncKey key = newKey(Source.GMAIL);

        assertThat(store().startIfWaiting(key, startBy("worker-9"))).isEmpty();
        assertThat(store().find(key)).isEmpty();
    }

    @Test
    void of_two_concurrent_unread_starts_of_one_row_exactly_one_wins() throws Exception {
        SyncState read = registered();
        int contenders = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<java.util.Optional<SyncState>>> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String worker = "worker-" + i;
                attempts.add(pool.submit(() -> {
                    go.await();
                    return store().startIfWaiting(read.key(), startBy(worker));
                }));
            }
            go.countDown();
            List<SyncState> winners = new ArrayList<>();
            for (Future<java.util.Optional<SyncState>> attempt : attempts) {
                attempt.get().ifPresent(winners::add);
            }
            assertThat(winners).hasSize(1);
            assertThat(store().get(read.key())).isEqualTo(winners.get(0));
            assertThat(winners.get(0).version()).isEqualTo(read.version() + 1);
            assertThat(runs().recent(read.key(), 100)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- runs, checkpoints, cursors

    @Test
    void every_checkpoint_counts_one_page_of_the_running_run() {
        SyncState running = syncing();
        running = store().checkpoint(running, SyncCheckpoint.of("list", "p2", new SyncCounts(10, 0, 0)));
        running = store().checkpoint(running, SyncCheckpoint.of("list", "p3", new SyncCounts(20, 0, 0)));

        assertThat(runs().find(running.currentRunId()).orElseThrow().pages()).isEqualTo(2);
    }

    @Test
    void a_completed_run_commits_the_cursor_and_is_logged_with_its_counts_and_duration() {
        SyncState running = syncing();
        clock().advance(Duration.ofMillis(1500));
        running = store().checkpoint(running, SyncCheckpoint.of("list", "p2", new SyncCounts(10, 0, 0))
                .withEstimatedTotal(40L));
        clock().advance(Duration.ofMillis(500));

        SyncState done = store().complete(running, new SyncCompletion("history-77", new SyncCounts(30, 5, 2),
                now().plusSeconds(300)));

        assertThat(done.status()).isEqualTo(SyncStatus.IDLE);
        assertThat(done.cursor()).isEqualTo("history-77");
        assertThat(done.modeOfNextRun()).isEqualTo(SyncMode.INCREMENTAL);
        assertThat(done.lastSuccessfulSyncAt()).isEqualTo(now());
        assertThat(done.nextSyncAt()).isEqualTo(now().plusSeconds(300));
        assertThat(done.itemsLastRun()).isEqualTo(37);
        assertThat(done.itemsTotal()).isEqualTo(37);
        assertThat(done.checkpoint()).isNull();
        assertThat(done.lease()).isNull();
        SyncRun run = runs().recent(done.key(), 1).get(0);
        assertThat(run.outcome()).isEqualTo(SyncRunOutcome.SUCCEEDED);
        assertThat(run.mode()).isEqualTo(SyncMode.FULL);
        assertThat(run.trigger()).isEqualTo(SyncTrigger.SCHEDULE);
        assertThat(run.workerId()).isEqualTo("worker-1");
        assertThat(run.counts()).isEqualTo(new SyncCounts(30, 5, 2));
        assertThat(run.pages()).isEqualTo(1);
        assertThat(run.duration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_checkpoint_survives_a_failure_so_the_next_run_resumes_from_it() {
        SyncState running = store().checkpoint(syncing(),
                SyncCheckpoint.of("list", "page-3", new SyncCounts(200, 0, 0)).withPendingCursor("h-9"));

        SyncState failed = store().fail(running, new SyncFailure("500 backendError", now().plusSeconds(4)));
        SyncState resumed = store().start(failed, startBy("worker-2"));

        assertThat(failed.consecutiveErrors()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("500 backendError");
        assertThat(failed.nextSyncAt()).isEqualTo(now().plusSeconds(4));
        assertThat(resumed.checkpoint().pageToken()).isEqualTo("page-3");
        assertThat(resumed.checkpoint().pendingCursor()).isEqualTo("h-9");
        assertThat(resumed.checkpoint().counts()).isEqualTo(new SyncCounts(200, 0, 0));
        assertThat(resumed.checkpoint().at()).isNotNull();
        SyncRun failedRun = runs().recent(failed.key(), 2).get(1);
        assertThat(failedRun.outcome()).isEqualTo(SyncRunOutcome.FAILED);
        assertThat(failedRun.counts()).isEqualTo(new SyncCounts(200, 0, 0));
    }

    @Test
    void success_resets_the_error_count() {
        SyncState failed = store().fail(syncing(), new SyncFailure("x", now()));
        failed = store().fail(store().start(failed, startBy("w")), new SyncFailure("y", now()));

        SyncState done = store().complete(store().start(failed, startBy("w")),
                new SyncCompletion("c", SyncCounts.ZERO, now()));

        assertThat(failed.consecutiveErrors()).isEqualTo(2);
        assertThat(done.consecutiveErrors()).isZero();
        assertThat(done.lastError()).isNull();
    }

    @Test
    void clearing_the_cursor_mid_run_turns_the_run_into_a_full_one() {
        SyncState incremental = store().complete(syncing(), new SyncCompletion("h-1", SyncCounts.ZERO, now()));
        SyncState running = store().checkpoint(store().start(incremental, startBy("w")),
                SyncCheckpoint.of("history", "p", SyncCounts.ZERO));

        SyncState cleared = store().clearCursor(running, "404 from history.list");

        assertThat(cleared.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(cleared.cursor()).isNull();
        assertThat(cleared.checkpoint()).isNull();
        assertThat(cleared.modeOfNextRun()).isEqualTo(SyncMode.FULL);
        assertThat(runs().recent(cleared.key(), 1).get(0).mode()).isEqualTo(SyncMode.FULL);
    }

    @Test
    void a_forced_full_resync_is_due_at_once_and_stays_forced_until_a_sync_completes() {
        SyncState idle = store().complete(syncing(), new SyncCompletion("h-1", SyncCounts.ZERO, now().plusSeconds(600)));

        SyncState forced = store().forceFullResync(idle, "operator");
        SyncState running = store().start(forced, startBy("w"));
        SyncState done = store().complete(running, new SyncCompletion("h-2", SyncCounts.ZERO, now().plusSeconds(600),
                "safety valve: kept"));

        assertThat(forced.forceFullSync()).isTrue();
        assertThat(forced.cursor()).isNull();
        assertThat(forced.isDueAt(now())).isTrue();
        assertThat(running.forceFullSync()).isTrue();
        assertThat(done.forceFullSync()).isFalse();
        assertThat(done.status()).isEqualTo(SyncStatus.IDLE);
        assertThat(done.lastError()).isEqualTo("safety valve: kept");
        assertThat(done.consecutiveErrors()).isZero();
    }

    // ---- leases

    @Test
    void an_interrupted_sync_is_recovered_only_once_its_lease_has_expired() {
        SyncState running = store().checkpoint(syncing(), SyncCheckpoint.of("list", "p7", new SyncCounts(3, 0, 0)));

        assertThatThrownBy(() -> store().recoverInterrupted(running))
                .isInstanceOf(IllegalSyncTransitionException.class).hasMessageContaining("holds until");

        clock().advance(LEASE.plusSeconds(1));
        SyncState recovered = store().recoverInterrupted(running);

        assertThat(recovered.status()).isEqualTo(SyncStatus.ERROR);
        assertThat(recovered.isDueAt(now())).isTrue();
        assertThat(recovered.consecutiveErrors()).isEqualTo(1);
        assertThat(recovered.lastError()).contains("worker-1");
        assertThat(recovered.checkpoint().pageToken()).isEqualTo("p7");
        assertThat(runs().recent(recovered.key(), 1).get(0).outcome()).isEqualTo(SyncRunOutcome.INTERRUPTED);
    }

    @Test
    void a_heartbeat_keeps_the_lease_and_defeats_a_recovery_based_on_an_older_read() {
        SyncState running = syncing();
        clock().advance(LEASE.minusSeconds(10));
        SyncState beat = store().extendLease(running, now().plus(LEASE));
        clock().advance(Duration.ofSeconds(30)); // past the first lease, within the extended one

        assertThat(beat.version()).isEqualTo(running.version());
        assertThatThrownBy(() -> store().recoverInterrupted(running))
                .isInstanceOf(IllegalSyncTransitionException.class);
        assertThat(store().get(running.key()).lease().expiresAt()).isEqualTo(beat.lease().expiresAt());
        // the worker's own later transitions still apply: the heartbeat did not change the version
        assertThat(store().complete(beat, new SyncCompletion("c", SyncCounts.ZERO, now())).status())
                .isEqualTo(SyncStatus.IDLE);
    }

    @Test
    void a_heartbeat_after_the_run_was_taken_away_reports_the_lease_lost() {
        SyncState running = syncing();
        clock().advance(LEASE.plusSeconds(1));
        store().recoverInterrupted(running);

        assertThatThrownBy(() -> store().extendLease(running, now().plus(LEASE)))
                .isInstanceOf(LeaseLostException.class);
    }

    @Test
    void a_released_run_keeps_its_checkpoint_and_costs_no_error() {
        SyncState running = store().checkpoint(syncing(), SyncCheckpoint.of("list", "p4", SyncCounts.ZERO));

        SyncState released = store().release(running, now());

        assertThat(released.status()).isEqualTo(SyncStatus.IDLE);
        assertThat(released.consecutiveErrors()).isZero();
        assertThat(released.checkpoint().pageToken()).isEqualTo("p4");
        assertThat(runs().recent(released.key(), 1).get(0).outcome()).isEqualTo(SyncRunOutcome.RELEASED);
    }

    // ---- rate limits and scheduling

    @Test
    void a_rate_limit_is_not_an_error_and_scheduling_never_jumps_ahead_of_it() {
        SyncState limited = store().rateLimit(syncing(), now().plusSeconds(90), "Retry after ...");

        SyncState triggered = store().schedule(limited, now());

        assertThat(limited.consecutiveErrors()).isZero();
        assertThat(limited.rateLimitedUntil()).isEqualTo(now().plusSeconds(90));
        assertThat(triggered.nextSyncAt()).isEqualTo(now().plusSeconds(90));
        assertThat(runs().recent(limited.key(), 1).get(0).outcome()).isEqualTo(SyncRunOutcome.RATE_LIMITED);
    }

    @Test
    void scheduling_only_ever_brings_the_due_time_forward() {
        SyncState idle = store().complete(syncing(), new SyncCompletion("c", SyncCounts.ZERO, now().plusSeconds(600)));

        SyncState sooner = store().schedule(idle, now().plusSeconds(5));
        SyncState notLater = store().schedule(sooner, now().plusSeconds(900));

        assertThat(sooner.nextSyncAt()).isEqualTo(now().plusSeconds(5));
        assertThat(notLater.nextSyncAt()).isEqualTo(now().plusSeconds(5));
    }

    @Test
    void needing_reauthorization_takes_the_sync_off_the_schedule_until_reauthorized() {
        SyncState stuck = store().requireReauthorization(syncing(), "invalid_grant");

        assertThat(stuck.nextSyncAt()).isNull();
        assertThat(stuck.isDueAt(now().plus(Duration.ofDays(365)))).isFalse();
        assertThat(store().reauthorize(stuck, now()).isDueAt(now())).isTrue();
    }
}
