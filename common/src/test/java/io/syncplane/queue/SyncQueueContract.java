package io.syncplane.queue;

import static io.syncplane.queue.Triggers.backfill;
import static io.syncplane.queue.Triggers.calendarOf;
import static io.syncplane.queue.Triggers.contactsOf;
import static io.syncplane.queue.Triggers.gmailOf;
import static io.syncplane.queue.Triggers.manual;
import static io.syncplane.queue.Triggers.millis;
import static io.syncplane.queue.Triggers.push;
import static io.syncplane.queue.Triggers.scheduled;
import static io.syncplane.queue.Triggers.seconds;
import static io.syncplane.queue.Triggers.tasksOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SyncQueue} must do, whatever stores it. Concurrency, the limiter and lease expiry have their own
 * contract classes; each backend runs all of them.
 */
public abstract class SyncQueueContract extends QueueTestFixture {

    @Test
    void aTriggerForAWaitingEntryCoalescesIntoIt() {
        assertThat(enqueue(scheduled(gmailOf(1)))).isEqualTo(EnqueueOutcome.ENQUEUED);
        assertThat(enqueue(scheduled(gmailOf(1)))).isEqualTo(EnqueueOutcome.COALESCED);
        assertThat(enqueue(manual(gmailOf(1)))).isEqualTo(EnqueueOutcome.COALESCED);

        assertThat(queue.stats().waiting()).isEqualTo(1);
        assertThat(keysOf(claim(10))).containsExactly(gmailOf(1));
    }

    @Test
    void coalescingKeepsTheEarliestDueTime() {
        enqueue(scheduled(gmailOf(1)).dueIn(seconds(600)));
        assertThat(enqueue(scheduled(gmailOf(1)).dueIn(seconds(60)))).isEqualTo(EnqueueOutcome.COALESCED);
        assertThat(enqueue(scheduled(gmailOf(1)).dueIn(seconds(300)))).isEqualTo(EnqueueOutcome.COALESCED);

        clock.advance(seconds(59));
        assertNothingClaimable();
        clock.advance(seconds(1));
        assertThat(claimOne().key()).isEqualTo(gmailOf(1));
    }

    @Test
    void coalescingTakesTheMostUrgentLaneAndFullOverIncremental() {
        enqueue(scheduled(gmailOf(1)));
        enqueue(push(gmailOf(1)));
        enqueue(backfill(calendarOf(2)));
        enqueue(scheduled(calendarOf(2)));

        Map<SyncKey, ClaimedJob> claimed = claim(10).stream()
                .collect(Collectors.toMap(ClaimedJob::key, Function.identity()));
        assertThat(claimed.get(gmailOf(1)))
                .extracting(ClaimedJob::lane, ClaimedJob::trigger, ClaimedJob::mode)
                .containsExactly(Lane.INTERACTIVE, SyncTrigger.PUSH, SyncMode.INCREMENTAL);
        assertThat(claimed.get(calendarOf(2)))
                .extracting(ClaimedJob::lane, ClaimedJob::trigger, ClaimedJob::mode)
                .containsExactly(Lane.SCHEDULED, SyncTrigger.SCHEDULE, SyncMode.FULL);
    }

    @Test
    void aTriggerWhileTheJobRunsMarksItPendingAndItRunsExactlyOnceMore() {
        enqueue(scheduled(gmailOf(1)));
        ClaimedJob first = claimOne();

        assertThat(enqueue(scheduled(gmailOf(1)))).isEqualTo(EnqueueOutcome.MARKED_PENDING);
        assertThat(enqueue(manual(gmailOf(1)))).isEqualTo(EnqueueOutcome.COALESCED);
        assertThat(enqueue(scheduled(gmailOf(1)))).isEqualTo(EnqueueOutcome.COALESCED);
        assertNothingClaimable();

        assertThat(queue.ack(first)).isEqualTo(Settlement.REQUEUED);
        ClaimedJob second = claimOne();
        assertThat(second.key()).isEqualTo(gmailOf(1));
        assertThat(second.trigger()).as("the pending run serves what arrived meanwhile").isEqualTo(SyncTrigger.MANUAL);
        assertThat(second.lane()).isEqualTo(Lane.INTERACTIVE);

        assertThat(queue.ack(second)).isEqualTo(Settlement.DONE);
        assertNothingClaimable();
        assertThat(queue.stats().size()).isZero();
    }

    @Test
    void aSuccessThatSchedulesTheNextRunLeavesItWaitingWithoutAnyScanner() {
        enqueue(backfill(gmailOf(1)));
        ClaimedJob full = claimOne();

        assertThat(queue.ackAndSchedule(full, clock.instant().plus(seconds(300)))).isEqualTo(Settlement.SCHEDULED);
        assertThat(queue.stats().waiting()).isEqualTo(1);
        clock.advance(seconds(299));
        assertNothingClaimable();
        clock.advance(seconds(1));
        ClaimedJob next = claimOne();
        assertThat(next).extracting(ClaimedJob::key, ClaimedJob::lane, ClaimedJob::trigger, ClaimedJob::mode)
                .as("a scheduled incremental run, whatever the finished one was")
                .containsExactly(gmailOf(1), Lane.SCHEDULED, SyncTrigger.SCHEDULE, SyncMode.INCREMENTAL);
        assertThat(next.attempt()).as("no failure counted").isEqualTo(full.attempt());
        assertThat(queue.ackAndSchedule(next, clock.instant().plus(seconds(300)))).isEqualTo(Settlement.SCHEDULED);
        assertThat(queue.ackAndSchedule(next, clock.instant())).as("settled once only")
                .isEqualTo(Settlement.LEASE_LOST);
    }

    @Test
    void aTriggerForAScheduledNextRunPullsItForwardAndAPendingOneRunsFirst() {
        enqueue(scheduled(gmailOf(1)));
        queue.ackAndSchedule(claimOne(), clock.instant().plus(seconds(600)));
        assertThat(enqueue(manual(gmailOf(1)))).isEqualTo(EnqueueOutcome.COALESCED);
        ClaimedJob manualRun = claimOne();
        assertThat(manualRun.trigger()).isEqualTo(SyncTrigger.MANUAL);

        assertThat(enqueue(push(gmailOf(1)))).isEqualTo(EnqueueOutcome.MARKED_PENDING);
        assertThat(queue.ackAndSchedule(manualRun, clock.instant().plus(seconds(600))))
                .as("what arrived during the run goes first").isEqualTo(Settlement.REQUEUED);
        clock.advance(seconds(2)); // past the push debounce
        assertThat(claimOne().trigger()).isEqualTo(SyncTrigger.PUSH);
    }

    @Test
    void aBurstOfPushesBeforeTheClaimIsOneRun() {
        assertThat(enqueue(push(gmailOf(1)))).isEqualTo(EnqueueOutcome.ENQUEUED);
        for (int i = 0; i < 5; i++) {
            clock.advance(millis(100));
            assertThat(enqueue(push(gmailOf(1)))).isEqualTo(EnqueueOutcome.COALESCED);
        }

        assertThat(queue.ack(claimOne())).isEqualTo(Settlement.DONE);
        assertNothingClaimable();
    }

    @Test
    void pushesDuringAndRightAfterARunAreDebouncedIntoOneTrailingRun() {
        enqueue(push(gmailOf(1)));
        Instant firstStart = clock.instant();
        ClaimedJob first = claimOne();

        clock.advance(millis(500));
        assertThat(enqueue(push(gmailOf(1)))).isEqualTo(EnqueueOutcome.MARKED_PENDING);
        clock.advance(millis(500));
        assertThat(enqueue(push(gmailOf(1)))).isEqualTo(EnqueueOutcome.COALESCED);
        clock.advance(millis(200));
        assertThat(queue.ack(first)).isEqualTo(Settlement.REQUEUED);
        clock.advance(millis(300));
        assertThat(enqueue(push(gmailOf(1)))).isEqualTo(EnqueueOutcome.COALESCED);

        clock.set(firstStart.plus(millis(1999)));
        assertNothingClaimable();
        clock.set(firstStart.plus(seconds(2)));
        ClaimedJob trailing = claimOne();
        assertThat(queue.ack(trailing)).isEqualTo(Settlement.DONE);

        clock.advance(millis(300));
        assertThat(enqueue(push(gmailOf(1)))).as("a push right after a run").isEqualTo(EnqueueOutcome.DEBOUNCED);
        assertNothingClaimable();
        clock.set(firstStart.plus(seconds(4)));
        assertThat(queue.ack(claimOne())).isEqualTo(Settlement.DONE);

        clock.advance(seconds(5));
        assertThat(enqueue(push(gmailOf(1)))).as("a push after a quiet window").isEqualTo(EnqueueOutcome.ENQUEUED);
        assertThat(claimOne().key()).isEqualTo(gmailOf(1));
    }

    @Test
    void aPushRightAfterAScheduledRunIsNotDebounced() {
        // The debounce folds bursts of pushes; a push after a poll signals a change the poll may have missed.
        enqueue(scheduled(gmailOf(1)));
        queue.ack(claimOne());
        clock.advance(millis(100));

        assertThat(enqueue(push(gmailOf(1)))).isEqualTo(EnqueueOutcome.ENQUEUED);
        assertThat(claimOne().key()).isEqualTo(gmailOf(1));
    }

    @Test
    void onlyPushesAreDebounced() {
        enqueue(push(gmailOf(1)));
        queue.ack(claimOne());
        clock.advance(millis(100));

        assertThat(enqueue(manual(gmailOf(1)))).isEqualTo(EnqueueOutcome.ENQUEUED);
        assertThat(claimOne().key()).isEqualTo(gmailOf(1));
    }

    @Test
    void debounceCanBeTurnedOff() {
        useSettings(baseSettings().withPushDebounce(java.time.Duration.ZERO));
        enqueue(push(gmailOf(1)));
        queue.ack(claimOne());

        assertThat(enqueue(push(gmailOf(1)))).isEqualTo(EnqueueOutcome.ENQUEUED);
        assertThat(claimOne().key()).isEqualTo(gmailOf(1));
    }

    @Test
    void interactiveWorkComesFirstButEveryLaneGetsItsTurns() {
        // One partition (a queue of its own, since the partition count is fixed per queue): the weighted round robin
        // is exact per partition.
        useSettings(separateQueueSettings("one-partition").withPartitions(1).withRateLimits(UNTHROTTLED));
        fillAllLanes(20);

        assertThat(claimOne().lane()).as("first claim").isEqualTo(Lane.INTERACTIVE);
        List<ClaimedJob> oneByOne = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            oneByOne.add(claimOne());
        }
        assertThat(countByLane(oneByOne)).containsEntry(Lane.INTERACTIVE, 5L).containsEntry(Lane.SCHEDULED, 3L)
                .containsEntry(Lane.BULK, 1L);
        assertThat(countByLane(claim(20))).containsEntry(Lane.INTERACTIVE, 12L).containsEntry(Lane.SCHEDULED, 6L)
                .containsEntry(Lane.BULK, 2L);
    }

    @Test
    void noLaneStarvesWhateverPartitionClaimsLandOn() {
        fillAllLanes(200);
        useSettings(baseSettings().withRateLimits(UNTHROTTLED));
        SyncQueue otherWorker = open(baseSettings().withRateLimits(UNTHROTTLED));

        List<ClaimedJob> claimed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            claimed.addAll((i % 2 == 0 ? queue : otherWorker).claim("w" + (i % 2), 1 + i % 3, LEASE));
        }
        Map<Lane, Long> shares = countByLane(claimed);
        long total = claimed.size();
        assertThat(shares.get(Lane.INTERACTIVE)).isGreaterThan(total / 2);
        assertThat(shares.get(Lane.SCHEDULED)).isGreaterThanOrEqualTo(total * 2 / 10);
        assertThat(shares.get(Lane.BULK)).isGreaterThanOrEqualTo(total / 20);
    }

    private void fillAllLanes(int perLane) {
        List<EnqueueRequest> requests = new ArrayList<>();
        for (long c = 1; c <= perLane; c++) {
            requests.add(backfill(gmailOf(c)).at(clock.instant()));
        }
        for (long c = 1; c <= perLane; c++) {
            requests.add(scheduled(calendarOf(c)).at(clock.instant()));
        }
        for (long c = 1; c <= perLane; c++) {
            requests.add(push(contactsOf(c)).at(clock.instant()));
        }
        queue.enqueueAll(requests);
    }

    @Test
    void aLaneWithoutWorkLeavesItsTurnsToTheOthers() {
        useSettings(baseSettings().withRateLimits(UNTHROTTLED));
        for (long c = 1; c <= 10; c++) {
            enqueue(backfill(gmailOf(c)));
        }

        assertThat(claim(10)).hasSize(10).allMatch(job -> job.lane() == Lane.BULK);
    }

    @Test
    void oneHeavyConnectionCannotStarveTheOthers() {
        useSettings(baseSettings().withRateLimits(UNTHROTTLED));
        List<SyncKey> heavy = List.of(gmailOf(1), calendarOf(1), contactsOf(1), tasksOf(1));
        for (int flood = 0; flood < 2_500; flood++) {
            for (SyncKey key : heavy) {
                enqueue(scheduled(key));
            }
        }
        assertThat(queue.stats().waiting()).as("10,000 triggers, one entry per source").isEqualTo(4);
        for (long light = 2; light <= 11; light++) {
            enqueue(scheduled(gmailOf(light)));
        }

        List<SyncKey> served = new ArrayList<>();
        while (served.stream().filter(key -> key.connectionId() != 1).count() < 10) {
            ClaimedJob job = claimOne();
            served.add(job.key());
            queue.ack(job);
            if (job.key().connectionId() == 1) {
                enqueue(scheduled(job.key())); // the heavy connection always has more work
            }
            assertThat(served).as("claims until every light connection was served").hasSizeLessThanOrEqualTo(14);
        }
    }

    @Test
    void asyncAcksGoAheadOfTheWorkersNextCall() {
        enqueue(scheduled(gmailOf(1)));
        enqueue(scheduled(gmailOf(2)));
        List<ClaimedJob> jobs = claim(2);

        CompletableFuture<List<Settlement>> acks = queue.ackAllAsync(jobs);
        assertThat(enqueue(scheduled(gmailOf(1)))).as("the ack already ended the run")
                .isEqualTo(EnqueueOutcome.ENQUEUED);
        assertThat(acks.join()).containsExactly(Settlement.DONE, Settlement.DONE);
        assertThat(queue.ackAll(jobs)).as("acked once only").containsOnly(Settlement.LEASE_LOST);
    }

    @Test
    void enqueueAllAnswersInRequestOrder() {
        List<EnqueueRequest> requests = new ArrayList<>();
        for (long c = 1; c <= 40; c++) {
            requests.add(scheduled(gmailOf(c)).at(clock.instant()));
        }
        requests.add(scheduled(gmailOf(3)).at(clock.instant()));

        List<EnqueueOutcome> outcomes = queue.enqueueAll(requests);
        assertThat(outcomes).hasSize(41);
        assertThat(outcomes.subList(0, 40)).containsOnly(EnqueueOutcome.ENQUEUED);
        assertThat(outcomes.get(40)).isEqualTo(EnqueueOutcome.COALESCED);
    }

    @Test
    void statsCountEveryState() {
        useSettings(baseSettings().withDeadLetterAfter(1).withRateLimits(UNTHROTTLED));
        enqueue(push(gmailOf(1)));
        enqueue(scheduled(gmailOf(2)));
        enqueue(backfill(gmailOf(3)).dueIn(seconds(60)));
        enqueue(scheduled(gmailOf(4)));
        enqueue(scheduled(gmailOf(5)));
        List<ClaimedJob> claimed = claim(2);
        queue.retry(claimed.get(0), "boom", clock.instant());

        QueueStats stats = queue.stats();
        assertThat(stats.running()).isEqualTo(1);
        assertThat(stats.dead()).isEqualTo(1);
        assertThat(stats.delayed().get(Lane.BULK)).isEqualTo(1);
        assertThat(stats.ready().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        assertThat(stats.size()).isEqualTo(5);
    }

    private static Map<Lane, Long> countByLane(List<ClaimedJob> jobs) {
        return jobs.stream().collect(Collectors.groupingBy(ClaimedJob::lane, Collectors.counting()));
    }
}
