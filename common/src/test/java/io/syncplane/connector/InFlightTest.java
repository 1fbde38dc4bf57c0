package io.syncplane.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InFlightTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void closing_waits_for_a_cancelled_read_that_ignores_its_interrupt_like_a_blocking_http_call() throws Exception {
        InFlight inFlight = new InFlight();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Future<String> read = threads.submit(inFlight.tracked(() -> {
            started.countDown();
            boolean released = false;
            while (!released) {
                try {
                    released = release.await(10, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ignored) {
                    // a socket read does not end on an interrupt either
                }
            }
            finished.set(true);
            return "page";
        }));
        started.await();
        read.cancel(true);
        threads.submit(() -> {
            Thread.sleep(200);
            release.countDown();
            return null;
        });

        assertThat(inFlight.closeAndAwait(Duration.ofSeconds(10))).isTrue();
        assertThat(finished).as("the wait ended only after the read left").isTrue();
    }

    @Test
    void a_read_not_started_when_closed_never_runs_and_a_bound_ends_the_wait() throws Exception {
        InFlight inFlight = new InFlight();
        AtomicBoolean ran = new AtomicBoolean();
        Callable<String> late = inFlight.tracked(() -> {
            ran.set(true);
            return "late";
        });
        CountDownLatch never = new CountDownLatch(1);
        threads.submit(inFlight.tracked(() -> never.await(10, TimeUnit.SECONDS)));
        Thread.sleep(50);

        assertThat(inFlight.closeAndAwait(Duration.ofMillis(100))).as("still running past the bound").isFalse();
        assertThatThrownBy(late::call).isInstanceOf(CancellationException.class);
        assertThat(ran).isFalse();
        never.countDown();
    }

    @Test
    void an_interrupted_owner_still_waits_and_keeps_its_interrupt() throws Exception {
        InFlight inFlight = new InFlight();
        CountDownLatch release = new CountDownLatch(1);
        threads.submit(inFlight.tracked(() -> release.await(10, TimeUnit.SECONDS)));
        Thread.sleep(50);
        threads.submit(() -> {
            Thread.sleep(150);
            release.countDown();
            return null;
        });

        Thread.currentThread().interrupt();
        boolean quiet = inFlight.closeAndAwait(Duration.ofSeconds(10));

        assertThat(Thread.interrupted()).isTrue();
        assertThat(quiet).isTrue();
    }
}
