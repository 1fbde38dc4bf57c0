package io.syncplane.queue;

import static io.syncplane.queue.Triggers.calendarOf;
import static io.syncplane.queue.Triggers.gmailOf;
import static io.syncplane.queue.Triggers.millis;
import static io.syncplane.queue.Triggers.scheduled;
import static io.syncplane.queue.Triggers.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Leases: heartbeats keep them, expiry takes them back, and a worker that lost one cannot settle it. */
public abstract class LeaseContract extends QueueTestFixture {

    @Test
    void anExpiredLeasePutsTheJobBackAndCountsAFailure() {
        enqueue(scheduled(gmailOf(1)));
        ClaimedJob lost = claimOne();

        clock.advance(LEASE.minus(millis(1)));
        assertThat(queue.reclaimExpiredLeases(100)).isEmpty();
        clock.advance(millis(1));
        assertThat(queue.reclaimExpiredLeases(100))
                .containsExactly(new ReclaimedLease(gmailOf(1), "worker-1", Settlement.RETRY_SCHEDULED));

        ClaimedJob again = claimOne();
        assertThat(again.key()).isEqualTo(gmailOf(1));
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(queue.ack(lost)).isEqualTo(Settlement.LEASE_LOST);
        assertThat(queue.ack(again)).isEqualTo(Settlement.DONE);
    }

    @Test
    void aJobThatKeepsKillingItsWorkerEndsInTheDeadLetterSet() {
        useSettings(baseSettings().withDeadLetterAfter(3));
        enqueue(scheduled(gmailOf(1)));
        List<Settlement> outcomes = new java.util.ArrayList<>();
        for (int crash = 0; crash < 3; crash++) {
            claimOne();
            clock.advance(LEASE);
            outcomes.addAll(queue.reclaimExpiredLeases(10).stream().map(ReclaimedLease::outcome).toList());
        }

        assertThat(outcomes).containsExactly(Settlement.RETRY_SCHEDULED, Settlement.RETRY_SCHEDULED,
                Settlement.DEAD_LETTERED);
        assertThat(queue.deadLetters(0, 1).items()).singleElement()
                .satisfies(dead -> assertThat(dead.lastError()).contains("lease expired", "worker-1"));
    }

    @Test
    void heartbeatsKeepALeaseAlive() {
        enqueue(scheduled(gmailOf(1)));
        ClaimedJob job = claimOne();
        for (int beat = 0; beat < 5; beat++) {
            clock.advance(seconds(20));
            assertThat(queue.heartbeat(job, LEASE)).isEqualTo(LeaseStatus.EXTENDED);
            assertThat(queue.reclaimExpiredLeases(10)).isEmpty();
        }

        clock.advance(LEASE);
        assertThat(queue.reclaimExpiredLeases(10)).hasSize(1);
        assertThat(queue.heartbeat(job, LEASE)).isEqualTo(LeaseStatus.LOST);
    }

    @Test
    void aWorkerThatLostItsLeaseCannotTouchTheJobAnyMore() {
        SyncQueue otherWorker = open(baseSettings());
        enqueue(scheduled(gmailOf(1)));
        ClaimedJob stale = claimOne();
        clock.advance(LEASE);
        queue.reclaimExpiredLeases(10);
        ClaimedJob current = otherWorker.claim("worker-2", 1, LEASE).get(0);

        assertThat(queue.heartbeat(stale, LEASE)).isEqualTo(LeaseStatus.LOST);
        assertThat(queue.ack(stale)).isEqualTo(Settlement.LEASE_LOST);
        assertThat(queue.retry(stale, "late", clock.instant())).isEqualTo(Settlement.LEASE_LOST);
        assertThat(queue.rateLimited(stale, clock.instant().plus(seconds(60)))).isEqualTo(Settlement.LEASE_LOST);
        assertThat(queue.release(stale)).isEqualTo(Settlement.LEASE_LOST);
        assertThat(otherWorker.heartbeat(current, LEASE)).isEqualTo(LeaseStatus.EXTENDED);
        assertThat(otherWorker.ack(current)).isEqualTo(Settlement.DONE);
    }

    @Test
    void reclaimTakesBackAtMostTheAskedNumber() {
        useSettings(baseSettings().withRateLimits(UNTHROTTLED));
        for (long c = 1; c <= 5; c++) {
            enqueue(scheduled(gmailOf(c)));
        }
        claim(5);
        clock.advance(LEASE);

        assertThat(queue.reclaimExpiredLeases(2)).hasSize(2);
        assertThat(queue.reclaimExpiredLeases(10)).hasSize(3);
        assertThat(queue.stats().running()).isZero();
    }

    @Test
    void aReclaimedJobKeepsItsPendingTrigger() {
        enqueue(scheduled(gmailOf(1)));
        claimOne();
        assertThat(enqueue(scheduled(gmailOf(1)))).isEqualTo(EnqueueOutcome.MARKED_PENDING);
        clock.advance(LEASE);
        queue.reclaimExpiredLeases(10);

        assertThat(queue.stats().waiting()).isEqualTo(1);
        assertThat(queue.ack(claimOne())).isEqualTo(Settlement.DONE);
        assertNothingClaimable();
    }

    @Test
    void reclaimFreesTheConnectionsConcurrencySlot() {
        useSettings(baseSettings().withMaxRunningPerConnection(1).withRateLimits(UNTHROTTLED));
        enqueue(scheduled(gmailOf(7)));
        enqueue(scheduled(calendarOf(7)));
        assertThat(claim(10)).hasSize(1);
        assertNothingClaimable();

        clock.advance(LEASE);
        queue.reclaimExpiredLeases(10);
        assertThat(claim(10)).as("one of the two, never both").hasSize(1);
    }
}
