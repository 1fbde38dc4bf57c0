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
import java.util.SplittableRandom;
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
    void aConnectionWithoutTokensIsDeferredNotHandedOut() {
        useSettings(baseSettings().withRateLimits(RateLimitPolicy.uniform(new RateLimitPolicy.Rate(1, 1))));
        enqueue(scheduled(gmailOf(7)));
        enqueue(scheduled(calendarOf(7)));
        enqueue(scheduled(contactsOf(7)));
        enqueue(scheduled(gmailOf(8)));

        assertThat(keysOf(claim(10))).containsExactlyInAnyOrder(gmailOf(7), gmailOf(8));
        QueueStats stats = queue.stats();
        assertThat(stats.delayed().get(Lane.SCHEDULED)).as("deferred until tokens are back").isEqualTo(2);
        assertThat(stats.running()).isEqualTo(2);

        clock.advance(millis(999));
        assertNothingClaimable();
        clock.advance(millis(1));
        assertThat(keysOf(claim(10))).containsExactly(calendarOf(7));
        clock.advance(seconds(1));
        assertThat(keysOf(claim(10))).containsExactly(contactsOf(7));
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
    void aFailedJobWaitsForItsRetryTimeEvenIfTriggeredAgain() {
        enqueue(scheduled(gmailOf(1)));
        ClaimedJob job = claimOne();
        assertThat(queue.retry(job, "backend error", clock.instant().plus(seconds(10))))
                .isEqualTo(Settlement.RETRY_SCHEDULED);

        clock.advance(seconds(1));
        assertThat(enqueue(push(gmailOf(1)))).isEqualTo(EnqueueOutcome.COALESCED);
        clock.advance(millis(8_999));
        assertNothingClaimable();
        clock.advance(millis(1));
        ClaimedJob again = claimOne();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.lane()).as("the push still upgraded the lane").isEqualTo(Lane.INTERACTIVE);
    }

    @Test
    void googlesExplicitRetryTimeComesBeforeBackoff() {
        BackoffPolicy backoff = BackoffPolicy.googleDefaults(new SplittableRandom(1));
        enqueue(scheduled(gmailOf(1)));
        ClaimedJob job = claimOne();
        String error = "User-rate limit exceeded.  Retry after " + clock.instant().plus(seconds(120));
        Instant retryAt = backoff.nextAttemptAt(job.attempt(), clock.instant(),
                RetryAfterParser.explicitRetryAt(null, error, clock.instant()));
        queue.retry(job, error, retryAt);

        clock.advance(seconds(119));
        assertNothingClaimable();
        clock.advance(seconds(1));
        assertThat(claimOne().key()).isEqualTo(gmailOf(1));
    }

    @Test
    void aJobThatFailsNTimesInARowIsDeadLetteredAndCanBeRedriven() {
        useSettings(baseSettings().withDeadLetterAfter(3).withRateLimits(UNTHROTTLED));
        enqueue(scheduled(gmailOf(1)));
        assertThat(queue.retry(claimOne(), "boom 1", clock.instant())).isEqualTo(Settlement.RETRY_SCHEDULED);
        assertThat(queue.retry(claimOne(), "boom 2", clock.instant())).isEqualTo(Settlement.RETRY_SCHEDULED);
        ClaimedJob third = claimOne();
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(queue.retry(third, "boom 3", clock.instant())).isEqualTo(Settlement.DEAD_LETTERED);

        assertNothingClaimable();
        assertThat(enqueue(push(gmailOf(1)))).isEqualTo(EnqueueOutcome.DEAD_LETTERED);
        DeadLetterPage page = queue.deadLetters(0, 10);
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items()).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo(gmailOf(1));
            assertThat(dead.failures()).isEqualTo(3);
            assertThat(dead.lastError()).isEqualTo("boom 3");
            assertThat(dead.deadSince()).isEqualTo(clock.instant());
        });

        assertThat(queue.redrive(gmailOf(1))).isTrue();
        assertThat(queue.redrive(gmailOf(1))).as("no longer dead").isFalse();
        assertThat(queue.deadLetters(0, 10).total()).isZero();
        ClaimedJob redriven = claimOne();
        assertThat(redriven.attempt()).isEqualTo(1);
        assertThat(queue.ack(redriven)).isEqualTo(Settlement.DONE);
    }

    @Test
    void deadLettersPageNewestFirstAcrossPartitions() {
        useSettings(baseSettings().withDeadLetterAfter(1).withRateLimits(UNTHROTTLED));
        for (long c = 1; c <= 25; c++) {
            enqueue(scheduled(gmailOf(c)));
            queue.retry(claimOne(), "failure of " + c, clock.instant());
            clock.advance(seconds(1));
        }

        DeadLetterPage first = queue.deadLetters(0, 10);
        DeadLetterPage third = queue.deadLetters(20, 10);
        assertThat(first.total()).isEqualTo(25);
        assertThat(first.items()).extracting(dead -> dead.key().connectionId())
                .containsExactly(25L, 24L, 23L, 22L, 21L, 20L, 19L, 18L, 17L, 16L);
        assertThat(third.items()).extracting(dead -> dead.key().connectionId()).containsExactly(5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void rateLimitedHoldsEverySourceOfTheConnectionUntilTheGivenTime() {
        enqueue(scheduled(gmailOf(5)));
        ClaimedJob throttled = claimOne();
        assertThat(queue.rateLimited(throttled, clock.instant().plus(seconds(60)))).isEqualTo(Settlement.DEFERRED);
        enqueue(scheduled(calendarOf(5)));
        enqueue(scheduled(gmailOf(6)));

        assertThat(keysOf(claim(10))).as("only the other connection").containsExactly(gmailOf(6));
        clock.advance(seconds(59));
        assertNothingClaimable();
        clock.advance(seconds(1));
        List<ClaimedJob> resumed = new ArrayList<>(claim(10));
        assertThat(resumed).as("one at a time after a throttle: the bucket restarts empty").hasSize(1);
        clock.advance(seconds(1));
        resumed.addAll(claim(10));
        assertThat(keysOf(resumed)).containsExactlyInAnyOrder(gmailOf(5), calendarOf(5));
    }

    @Test
    void rateLimitedNeverCountsAsAFailure() {
        useSettings(baseSettings().withDeadLetterAfter(2));
        enqueue(scheduled(gmailOf(5)));
        for (int round = 0; round < 5; round++) {
            ClaimedJob job = claimOne();
            assertThat(job.attempt()).isEqualTo(1);
            assertThat(queue.rateLimited(job, clock.instant().plus(seconds(60)))).isEqualTo(Settlement.DEFERRED);
            clock.advance(seconds(60));
        }
        assertThat(queue.ack(claimOne())).isEqualTo(Settlement.DONE);
        assertThat(queue.deadLetters(0, 1).total()).isZero();
    }

    @Test
    void releaseHandsTheJobBackWithoutCountingAnything() {
        enqueue(scheduled(gmailOf(1)));
        ClaimedJob job = claimOne();

        assertThat(queue.release(job)).isEqualTo(Settlement.RELEASED);
        ClaimedJob again = claimOne();
        assertThat(again.key()).isEqualTo(gmailOf(1));
        assertThat(again.attempt()).isEqualTo(1);
        assertThat(queue.release(job)).as("the old lease is spent").isEqualTo(Settlement.LEASE_LOST);
    }

    @Test
    void aPendingTriggerFoldsIntoARetry() {
        enqueue(backfill(gmailOf(1)));
        ClaimedJob job = claimOne();
        enqueue(push(gmailOf(1)));

        queue.retry(job, "timeout", clock.instant().plus(seconds(5)));
        assertThat(queue.stats().waiting()).isEqualTo(1);
        clock.advance(seconds(5));
        ClaimedJob retried = claimOne();
        assertThat(retried.mode()).as("the unfinished full sync is still owed").isEqualTo(SyncMode.FULL);
        assertThat(retried.lane()).isEqualTo(Lane.INTERACTIVE);
        assertThat(queue.ack(retried)).isEqualTo(Settlement.DONE);
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
