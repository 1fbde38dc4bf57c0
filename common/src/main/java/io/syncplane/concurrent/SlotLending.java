package io.syncplane.concurrent;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Lets a task that is about to sleep hand the work slot it runs in to other work for the time of the sleep, and take
 * a slot back before it goes on. A worker's concurrency bounds the syncs that do work at once (Postgres connections,
 * CPU); a sync asleep until its user's next request permit does neither, so it need not keep a slot from the syncs of
 * other users that are due (issue 12: with every slot held by sleepers, due polls waited 10-20 s to be claimed).
 *
 * <p>The slot's owner (the worker's claim loop) installs a {@link Lender} on the thread that runs a task;
 * {@link #sleep} is what the request limiter sleeps with. Without a lender it is a plain sleep.
 */
public final class SlotLending {

    /** Waits shorter than this keep their slot: lending and taking back is not worth a claim. */
    public static final Duration MIN_LENT_SLEEP = Duration.ofMillis(50);

    /** The slot's owner. */
    public interface Lender {

        /** Hands the calling task's slot over for a while; false keeps it (too many tasks lent theirs already). */
        boolean lend();

        /** Takes a slot back after a {@link #lend} that returned true, waiting for one if all are in use. */
        void takeBack();
    }

    private static final ThreadLocal<Lender> CURRENT = new ThreadLocal<>();

    private SlotLending() {
    }

    /** Runs {@code task} on this thread with {@code lender} owning its slot. */
    public static <T> T call(Lender lender, Callable<T> task) throws Exception {
        Lender previous = CURRENT.get();
        CURRENT.set(lender);
        try {
            return task.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Runs {@code task} on this thread with {@code lender} owning its slot. */
    public static void run(Lender lender, Runnable task) {
        try {
            call(lender, () -> {
                task.run();
                return null;
            });
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // a Runnable throws nothing checked
        }
    }

    /**
     * Sleeps, with the slot lent out for the time when the sleep is long enough and the owner allows it. Returns only
     * once the slot is back, so the caller goes on as it would have with it held all along.
     */
    public static void sleep(Duration duration) throws InterruptedException {
        Lender lender = CURRENT.get();
        if (lender == null || duration.compareTo(MIN_LENT_SLEEP) < 0 || !lender.lend()) {
            Thread.sleep(duration.toMillis());
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } finally {
            lender.takeBack();
        }
    }
}
