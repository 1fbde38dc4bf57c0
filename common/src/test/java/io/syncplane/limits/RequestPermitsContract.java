package io.syncplane.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.syncplane.limits.RequestPermits.Permit;
import io.syncplane.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What every per-user request budget must do. Time is a clock the test moves; a waiting request "sleeps" by moving it,
 * so each wait is exact and the tests take no real time.
 */
public abstract class RequestPermitsContract {

    protected static final long ALICE = 1;
    protected static final long BOB = 2;

    protected final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    /** Every wait the budget asked for, in milliseconds. */
    protected final AtomicLong sleptMillis = new AtomicLong();
    protected final RedisRequestPermits.Sleeper advancing = duration -> {
        sleptMillis.addAndGet(duration.toMillis());
        clock.advance(duration);
    };

    /** A budget on a store of its own per test; several calls with the same store act as several workers. */
    protected abstract RequestPermits open(RequestLimits limits, RedisRequestPermits.Sleeper sleeper);

    protected static RequestLimits limits(double rate, int burst, int maxInFlight, Duration maxWait) {
        return new RequestLimits(rate, burst, maxInFlight, maxWait, 0.5, Map.of());
    }

    @Test
    void theFirstRequestGoesAtOnceAndTheNextWaitsForTheRate() throws Exception {
        RequestPermits permits = open(limits(2, 1, 5, Duration.ofSeconds(5)), advancing);
        permits.acquire(ALICE, 1).close();
        assertThat(sleptMillis).hasValue(0);
        permits.acquire(ALICE, 1).close();
        assertThat(sleptMillis.get()).as("one interval at 2/s with its guard, plus at most the jitter")
                .isBetween(510L, 513L);
    }

    @Test
    void aBurstGoesAtOnceThenTheRateHolds() throws Exception {
        RequestPermits permits = open(limits(1, 3, 5, Duration.ofSeconds(5)), advancing);
        for (int i = 0; i < 3; i++) {
            permits.acquire(ALICE, 1).close();
        }
        assertThat(sleptMillis).hasValue(0);
        permits.acquire(ALICE, 1).close();
        assertThat(sleptMillis.get()).isBetween(1020L, 1023L);
    }

    @Test
    void noPermitWithinTheMaximumWaitSaysWhenOneIsDueAndWaitsNotAtAll() throws Exception {
        RequestPermits permits = open(limits(1, 1, 5, Duration.ofMillis(200)), advancing);
        Instant start = clock.instant();
        permits.acquire(ALICE, 1).close();
        RequestBudgetExhaustedException spent = catchThrowableOfType(RequestBudgetExhaustedException.class,
                () -> permits.acquire(ALICE, 1));
        assertThat(spent.retryAt()).isEqualTo(start.plusMillis(1020));
        assertThat(spent.getMessage()).contains("rate");
        assertThat(sleptMillis).hasValue(0);
    }

    @Test
    void theInFlightCapHoldsUntilAPermitIsClosed() throws Exception {
        RequestPermits permits = open(limits(1000, 1000, 2, Duration.ZERO), advancing);
        Permit first = permits.acquire(ALICE, 1);
        Permit second = permits.acquire(ALICE, 1);
        RequestBudgetExhaustedException capped = catchThrowableOfType(RequestBudgetExhaustedException.class,
                () -> permits.acquire(ALICE, 1));
        assertThat(capped.getMessage()).contains("in_flight");
        first.close();
        first.close(); // twice frees one slot, not two
        Permit third = permits.acquire(ALICE, 1);
        assertThat(catchThrowableOfType(RequestBudgetExhaustedException.class, () -> permits.acquire(ALICE, 1)))
                .isNotNull();
        second.close();
        third.close();
    }

    @Test
    void aPermitNeverClosedFreesItsSlotWhenItsLeaseEnds() throws Exception {
        RequestPermits permits = open(limits(1000, 1000, 1, Duration.ZERO), advancing);
        permits.acquire(ALICE, 1); // its worker died mid-request
        assertThat(catchThrowableOfType(RequestBudgetExhaustedException.class, () -> permits.acquire(ALICE, 1)))
                .isNotNull();
        clock.advance(permitLease().plusMillis(1));
        permits.acquire(ALICE, 1).close();
    }

    @Test
    void everyUserHasABudgetOfTheirOwn() throws Exception {
        RequestPermits permits = open(limits(1, 1, 5, Duration.ZERO), advancing);
        permits.acquire(ALICE, 1).close();
        assertThat(catchThrowableOfType(RequestBudgetExhaustedException.class, () -> permits.acquire(ALICE, 1)))
                .isNotNull();
        permits.acquire(BOB, 1).close();
    }

    @Test
    void everyWorkerSharesTheSameBudget() throws Exception {
        RequestLimits limits = limits(1, 1, 5, Duration.ZERO);
        RequestPermits one = open(limits, advancing);
        RequestPermits other = open(limits, advancing);
        one.acquire(ALICE, 1).close();
        assertThat(catchThrowableOfType(RequestBudgetExhaustedException.class, () -> other.acquire(ALICE, 1)))
                .isNotNull();
        clock.advance(Duration.ofMillis(1020));
        other.acquire(ALICE, 1).close();
    }

    @Test
    void aHeavierWaitingRequestGoesBeforeALighterOne() throws Exception {
        RequestLimits limits = limits(1, 1, 5, Duration.ofSeconds(5));
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch wake = new CountDownLatch(1);
        RequestPermits fresh = open(limits, duration -> {
            waiting.countDown();
            if (!wake.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never woken");
            }
        });
        RequestPermits backfill = open(limits(1, 1, 5, Duration.ZERO), advancing);
        backfill.acquire(ALICE, 0.5).close();

        CompletableFuture<Permit> heavy = CompletableFuture.supplyAsync(() -> {
            try {
                return fresh.acquire(ALICE, 1.0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).as("the heavy request waits for the next token").isTrue();
        clock.advance(Duration.ofMillis(1020));
        RequestBudgetExhaustedException outranked = catchThrowableOfType(RequestBudgetExhaustedException.class,
                () -> backfill.acquire(ALICE, 0.5));
        assertThat(outranked.getMessage()).contains("outranked");

        wake.countDown();
        heavy.get(10, TimeUnit.SECONDS).close();
        clock.advance(Duration.ofMillis(1020));
        backfill.acquire(ALICE, 0.5).close();
    }

    @Test
    void anEarlierWaitingRequestOfTheSameWeightGoesFirst() throws Exception {
        RequestLimits limits = limits(1, 1, 5, Duration.ofSeconds(5));
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch wake = new CountDownLatch(1);
        RequestPermits first = open(limits, duration -> {
            waiting.countDown();
            if (!wake.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never woken");
            }
        });
        RequestPermits later = open(limits, advancing);
        later.acquire(ALICE, 1.0).close();

        CompletableFuture<Permit> early = CompletableFuture.supplyAsync(() -> {
            try {
                return first.acquire(ALICE, 1.0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).as("the first request waits for the next token").isTrue();
        clock.advance(Duration.ofMillis(1020));
        // the token is there, but the request that has waited longer gets it: a later one of the same weight that
        // keeps asking is turned away until its own max-wait is over, instead of winning a race for the token
        RequestBudgetExhaustedException behind = catchThrowableOfType(RequestBudgetExhaustedException.class,
                () -> later.acquire(ALICE, 1.0));
        assertThat(behind.getMessage()).contains("outranked");

        wake.countDown();
        early.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void aRequestThatGaveUpNoLongerOutranksAnyone() throws Exception {
        RequestPermits permits = open(limits(1, 1, 5, Duration.ZERO), advancing);
        permits.acquire(ALICE, 0.5).close();
        assertThat(catchThrowableOfType(RequestBudgetExhaustedException.class, () -> permits.acquire(ALICE, 1.0)))
                .isNotNull();
        clock.advance(Duration.ofMillis(1020));
        permits.acquire(ALICE, 0.5).close();
    }

    /** How long the implementation keeps a permit that is never closed. */
    protected abstract Duration permitLease();
}
