package io.syncplane.queue;

import static io.syncplane.queue.Triggers.calendarOf;
import static io.syncplane.queue.Triggers.contactsOf;
import static io.syncplane.queue.Triggers.gmailOf;
import static io.syncplane.queue.Triggers.millis;
import static io.syncplane.queue.Triggers.push;
import static io.syncplane.queue.Triggers.scheduled;
import static io.syncplane.queue.Triggers.seconds;
import static io.syncplane.queue.Triggers.tasksOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-connection limiter and Google's throttling, for every {@link SyncQueue}. */
public abstract class RateLimitContract extends QueueTestFixture {

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
    void aThrottleThatOutlastsTheConnectionRecordsGenerationsStillHolds() {
        // Connection records live in hashes per 10-minute generation; a longer throttle has to be kept elsewhere.
        enqueue(scheduled(gmailOf(5)));
        ClaimedJob throttled = claimOne();
        assertThat(queue.rateLimited(throttled, clock.instant().plus(Duration.ofHours(2))))
                .isEqualTo(Settlement.DEFERRED);
        clock.advance(Duration.ofMinutes(90));
        enqueue(scheduled(calendarOf(5)));
        assertNothingClaimable();
        clock.advance(Duration.ofMinutes(30));
        assertThat(keysOf(claim(10))).hasSize(1);
    }

    @Test
    void theBucketDoesNotRefillWhereOneGenerationOfConnectionRecordsEndsAndTheNextBegins() {
        long toBoundary = 600_000 - Math.floorMod(clock.millis(), 600_000L);
        clock.advance(millis(toBoundary - 1));
        enqueue(scheduled(gmailOf(9)));
        enqueue(scheduled(calendarOf(9)));
        enqueue(scheduled(contactsOf(9)));
        enqueue(scheduled(tasksOf(9)));
        assertThat(claim(10)).as("the burst of 3").hasSize(3);
        clock.advance(millis(2));
        assertNothingClaimable();
        clock.advance(millis(998));
        assertThat(keysOf(claim(10))).hasSize(1);
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
    void aDeferredJobWaitsUntilTheGivenTimeWhileItsConnectionsOtherSourcesGoOn() {
        enqueue(scheduled(gmailOf(5)));
        ClaimedJob deferred = claimOne();
        assertThat(queue.defer(deferred, clock.instant().plus(seconds(30)))).isEqualTo(Settlement.DEFERRED);
        enqueue(scheduled(calendarOf(5)));
        clock.advance(seconds(1));

        assertThat(keysOf(claim(10))).as("the connection's bucket was not pushed").containsExactly(calendarOf(5));
        clock.advance(seconds(28));
        assertNothingClaimable();
        clock.advance(seconds(1));
        assertThat(keysOf(claim(10))).containsExactly(gmailOf(5));
    }

    @Test
    void deferringNeverCountsAsAFailureAndKeepsAPendingTrigger() {
        useSettings(baseSettings().withDeadLetterAfter(2));
        enqueue(scheduled(gmailOf(5)));
        for (int round = 0; round < 4; round++) {
            ClaimedJob job = claimOne();
            assertThat(job.attempt()).isEqualTo(1);
            if (round == 3) {
                assertThat(enqueue(push(gmailOf(5)))).isEqualTo(EnqueueOutcome.MARKED_PENDING);
            }
            assertThat(queue.defer(job, clock.instant().plus(seconds(10)))).isEqualTo(Settlement.DEFERRED);
            clock.advance(seconds(10));
        }
        assertThat(queue.stats().waiting()).as("one entry, the pending trigger folded in").isEqualTo(1);
        ClaimedJob last = claimOne();
        assertThat(last.lane()).isEqualTo(Lane.INTERACTIVE);
        assertThat(queue.ack(last)).isEqualTo(Settlement.DONE);
        assertThat(queue.deadLetters(0, 1).total()).isZero();
    }

    @Test
    void noConnectionGoesAboveItsRateInAny10SecondWindow() {
        // Defaults: 1 claim/s with bursts of 3, so any 10 s window allows 10 (+5 %) plus the 2 extra of a burst.
        RateLimitPolicy.Rate rate = RateLimitPolicy.DEFAULT_RATE;
        // Two partitions keep the many claims that find nothing cheap; the limiter does not depend on partitioning.
        QueueSettings settings = separateQueueSettings("limiter").withPartitions(2)
                .withRateLimits(RateLimitPolicy.uniform(rate));
        useSettings(settings);
        List<SyncQueue> workers = List.of(queue, open(settings));
        List<SyncKey> keys = new ArrayList<>();
        for (long c = 1; c <= 5; c++) {
            keys.addAll(List.of(gmailOf(c), calendarOf(c), contactsOf(c), tasksOf(c)));
        }
        keys.forEach(key -> enqueue(scheduled(key)));
        Instant start = clock.instant();
        Instant end = start.plus(seconds(120));
        Map<Long, List<Instant>> claimsPerConnection = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);

        for (int step = 0; clock.instant().isBefore(end); step++) {
            SyncQueue worker = workers.get(step % 2);
            for (ClaimedJob job : worker.claim("w" + (step % 2), 50, LEASE)) {
                claimsPerConnection.computeIfAbsent(job.key().connectionId(), c -> new ArrayList<>())
                        .add(clock.instant());
                worker.ack(job);
                enqueue(scheduled(job.key())); // every source always has more work
            }
            clock.advance(millis(1 + random.nextInt(300)));
        }

        double window = 10;
        long allowedPerWindow = (long) Math.floor(rate.permitsPerSecond() * window * 1.05) + rate.burst() - 1;
        assertThat(claimsPerConnection).hasSize(5);
        claimsPerConnection.forEach((connection, times) -> {
            for (Instant from : times) {
                long inWindow = times.stream()
                        .filter(t -> !t.isBefore(from) && t.isBefore(from.plus(seconds((long) window)))).count();
                assertThat(inWindow).as("claims of connection %s in the 10 s from %s", connection, from)
                        .isLessThanOrEqualTo(allowedPerWindow);
            }
            // Not just capped: a connection with work gets (nearly) its whole rate.
            assertThat((long) times.size()).as("claims of connection %s in 120 s", connection)
                    .isBetween((long) (120 * 0.95), (long) (120 * 1.05) + rate.burst() - 1L);
        });
    }

    @Test
    void aSlowerSourceSpendsMoreOfTheConnectionsSharedBudget() {
        RateLimitPolicy policy = RateLimitPolicy.uniform(new RateLimitPolicy.Rate(1, 1))
                .with(Source.CONTACTS, new RateLimitPolicy.Rate(0.25, 1));
        useSettings(baseSettings().withRateLimits(policy));
        enqueue(scheduled(contactsOf(9)));
        queue.ack(claimOne());
        enqueue(scheduled(contactsOf(9)));
        enqueue(scheduled(gmailOf(9)));

        clock.advance(millis(3_999));
        assertNothingClaimable();
        clock.advance(millis(1));
        assertThat(claim(10)).as("one claim per budget slot").hasSize(1);
        clock.advance(seconds(4));
        assertThat(claim(10)).hasSize(1);
    }

    @Test
    void aPendingTriggerWaitsOutTheThrottleWithItsJob() {
        enqueue(scheduled(gmailOf(5)));
        ClaimedJob job = claimOne();
        assertThat(enqueue(push(gmailOf(5)))).isEqualTo(EnqueueOutcome.MARKED_PENDING);

        queue.rateLimited(job, clock.instant().plus(seconds(30)));
        assertThat(queue.stats().waiting()).as("one entry, the pending trigger folded in").isEqualTo(1);
        clock.advance(seconds(29));
        assertNothingClaimable();
        clock.advance(seconds(1));
        ClaimedJob resumed = claimOne();
        assertThat(resumed.lane()).isEqualTo(Lane.INTERACTIVE);
        assertThat(queue.ack(resumed)).isEqualTo(Settlement.DONE);
        assertNothingClaimable();
    }

    @Test
    void rateLimitedFreesTheConcurrencySlotButTheThrottleStillHolds() {
        useSettings(baseSettings().withMaxRunningPerConnection(1));
        enqueue(scheduled(gmailOf(7)));
        enqueue(scheduled(calendarOf(7)));
        ClaimedJob first = claimOne();
        assertNothingClaimable();
        assertThat(queue.stats().parked()).isEqualTo(1);

        queue.rateLimited(first, clock.instant().plus(seconds(30)));
        assertThat(queue.stats().parked()).as("the slot is free").isZero();
        clock.advance(seconds(29));
        assertNothingClaimable();
        clock.advance(seconds(1));
        assertThat(claim(10)).as("cap 1 again").hasSize(1);
    }
}
