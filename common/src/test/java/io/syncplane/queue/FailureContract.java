package io.syncplane.queue;

import static io.syncplane.queue.Triggers.backfill;
import static io.syncplane.queue.Triggers.gmailOf;
import static io.syncplane.queue.Triggers.manual;
import static io.syncplane.queue.Triggers.millis;
import static io.syncplane.queue.Triggers.push;
import static io.syncplane.queue.Triggers.scheduled;
import static io.syncplane.queue.Triggers.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.SyncMode;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Failures, retries, dead letters and hand-backs, for every {@link SyncQueue}. */
public abstract class FailureContract extends QueueTestFixture {

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
    void releaseKeepsAPendingTrigger() {
        enqueue(scheduled(gmailOf(1)));
        ClaimedJob job = claimOne();
        enqueue(manual(gmailOf(1)));

        assertThat(queue.release(job)).isEqualTo(Settlement.RELEASED);
        ClaimedJob again = claimOne();
        assertThat(again.lane()).as("the pending manual trigger folded in").isEqualTo(Lane.INTERACTIVE);
        assertThat(queue.ack(again)).isEqualTo(Settlement.DONE);
        assertNothingClaimable();
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
}
