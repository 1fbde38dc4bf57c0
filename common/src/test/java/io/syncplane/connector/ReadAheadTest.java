package io.syncplane.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    @Test
    void a_read_runs_on_another_thread_while_the_caller_goes_on() throws Exception {
        CountDownLatch callerWent = new CountDownLatch(1);
        AtomicReference<Thread> readBy = new AtomicReference<>();
        try (ReadAhead<String> ahead = ReadAhead.onAnotherThread()) {
            ahead.start(() -> {
                readBy.set(Thread.currentThread());
                // the caller has not taken the page yet: the read cannot be waiting for it
                assertThat(callerWent.await(10, TimeUnit.SECONDS)).isTrue();
                return "page 2";
            });
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
    void only_one_read_is_outstanding_at_a_time() {
        try (ReadAhead<String> ahead = ReadAhead.onAnotherThread()) {
            ahead.start(() -> "page 2");
            assertThatThrownBy(() -> ahead.start(() -> "page 3")).isInstanceOf(IllegalStateException.class);
        }
    }
}
