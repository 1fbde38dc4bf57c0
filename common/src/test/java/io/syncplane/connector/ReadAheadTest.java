package io.syncplane.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadAheadTest {

    @Test
    void a_read_runs_on_another_thread_while_the_caller_goes_on() throws Exception {
        CountDownLatch readStarted = new CountDownLatch(1);
        CountDownLatch callerWent = new CountDownLatch(1);
        AtomicReference<Thread> readBy = new AtomicReference<>();
        try (ReadAhead<String> ahead = ReadAhead.onAnotherThread()) {
            ahead.start(() -> {
                readBy.set(Thread.currentThread());
                readStarted.countDown();
                // the caller has not taken the page yet: the read cannot be waiting for it
                assertThat(callerWent.await(10, TimeUnit.SECONDS)).isTrue();
                return "page 2";
            });
            // a read no shared thread took is read by the caller (see below); this one found a free thread
            assertThat(readStarted.await(10, TimeUnit.SECONDS)).isTrue();
            callerWent.countDown();
            assertThat(ahead.take()).isEqualTo("page 2");
        }
        assertThat(readBy.get()).isNotEqualTo(Thread.currentThread());
    }

    @Test
    void a_failed_read_throws_what_the_read_threw() {
        IOException dropped = new IOException("connection reset");
        IllegalStateException revoked = new IllegalStateException("grant revoked");
        try (ReadAhead<String> ahead = ReadAhead.onAnotherThread()) {
            ahead.start(() -> {
                throw dropped;
            });
            assertThatThrownBy(ahead::take).isSameAs(dropped);
            ahead.start(() -> {
                throw revoked;
            });
            assertThatThrownBy(ahead::take).isSameAs(revoked);
        }
    }

    @Test
    void inline_reads_only_when_the_page_is_taken_on_the_callers_thread() throws Exception {
        AtomicBoolean read = new AtomicBoolean();
        AtomicReference<Thread> readBy = new AtomicReference<>();
        try (ReadAhead<String> ahead = ReadAhead.inline()) {
            ahead.start(() -> {
                read.set(true);
                readBy.set(Thread.currentThread());
                return "page 2";
            });
            assertThat(read).isFalse();
            assertThat(ahead.take()).isEqualTo("page 2");
        }
        assertThat(readBy.get()).isEqualTo(Thread.currentThread());
    }

    @Test
    void closing_abandons_the_outstanding_read() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        ReadAhead<String> ahead = ReadAhead.onAnotherThread();
        ahead.start(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
                return "never";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        ahead.close();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void when_every_shared_thread_is_busy_the_caller_reads_the_page_itself() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        occupyEveryReadThread(release);
        AtomicReference<Thread> readBy = new AtomicReference<>();
        try (ReadAhead<String> ahead = ReadAhead.onAnotherThread()) {
            ahead.start(() -> {
                readBy.set(Thread.currentThread());
                return "page 2";
            });
            assertThat(ahead.take()).isEqualTo("page 2");
        } finally {
            release.countDown();
        }
        assertThat(readBy.get()).isEqualTo(Thread.currentThread());
    }

    @Test
    @Timeout(60)
    void reads_that_wait_for_reads_of_their_own_never_deadlock_the_shared_threads() throws Exception {
        // more outer reads than threads, each waiting for inner reads: a bounded pool that queued what it could not
        // start would hang here with every thread waiting for work that no thread is left to run
        int outer = ReadThreads.THREADS * 3;
        List<FutureTask<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < outer; i++) {
            int n = i;
            reads.add(ReadThreads.start(() -> {
                List<FutureTask<Integer>> inner = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    int m = k;
                    inner.add(ReadThreads.start(() -> {
                        Thread.sleep(2);
                        return m;
                    }));
                }
                int sum = 0;
                for (FutureTask<Integer> task : inner) {
                    sum += ReadThreads.join(task);
                }
                return n + sum;
            }));
        }
        for (int i = 0; i < outer; i++) {
            assertThat(ReadThreads.join(reads.get(i))).isEqualTo(i + 6); // those no thread took run here
        }
    }

    /** Fills every shared read thread with a task that waits for {@code release}. */
    private static void occupyEveryReadThread(CountDownLatch release) throws Exception {
        CountDownLatch running = new CountDownLatch(ReadThreads.THREADS);
        List<FutureTask<String>> busy = new ArrayList<>();
        // a thread just done with an earlier test's read is not yet free again: offer until all of them run ours
        for (int attempt = 0; running.getCount() > 0 && attempt < 1000; attempt++) {
            busy.add(ReadThreads.start(() -> {
                running.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                return "done";
            }));
            if (busy.size() >= ReadThreads.THREADS) {
                Thread.sleep(5);
            }
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void only_one_read_is_outstanding_at_a_time() {
        try (ReadAhead<String> ahead = ReadAhead.onAnotherThread()) {
            ahead.start(() -> "page 2");
            assertThatThrownBy(() -> ahead.start(() -> "page 3")).isInstanceOf(IllegalStateException.class);
        }
    }
}
