package io.syncplane.connector;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * The reads one owner (a sync's read-ahead, a page's metadata batches) started on other threads, so that when it
 * abandons them it can wait until none is still talking to Google. {@code Future.cancel(true)} only interrupts, and a
 * blocking HTTP call runs on to its answer or its timeout: without the wait, a stopped sync returned while its last
 * requests were still on the wire, spending the user's request budget behind the back of the next run (and making a
 * resumed sync's request count depend on timing; GmailSyncTest saw 10 such requests under load).
 * Hand-written because the JDK has no "wait until these tasks' bodies have left" for cancelled futures.
 */
public final class InFlight {

    private int running;
    private boolean closed;

    /** {@code read} counted while it runs; once {@link #closeAndAwait} was called it does not start at all. */
    public <T> Callable<T> tracked(Callable<T> read) {
        return () -> {
            if (!enter()) {
                throw new CancellationException("abandoned before it started");
            }
            try {
                return read.call();
            } finally {
                exit();
            }
        };
    }

    /**
     * No tracked read starts from now on; waits up to {@code bound} for those running to finish. An interrupt of the
     * caller does not cut the wait short (it is what abandoning usually follows) and is kept for the caller.
     *
     * @return whether every read finished within the bound
     */
    public synchronized boolean closeAndAwait(Duration bound) {
        closed = true;
        long deadline = System.nanoTime() + bound.toNanos();
        boolean interrupted = false;
        try {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized boolean enter() {
        if (closed) {
            return false;
        }
        running++;
        return true;
    }

    private synchronized void exit() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }
}
