package io.syncplane.feed;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A feed read that waits for changes: reads; when the page is empty and the caller allows a wait, waits for a commit
 * notification of the scope's connections and reads again, until something arrives or the wait ends.
 *
 * <p>Right after a commit's NOTIFY the change may still be above the watermark (another transaction that started
 * earlier is still running), so after a notification it re-reads a few times with short backoff. And it re-reads at
 * least every {@code fallbackInterval} even without a notification, so a notification lost during a reconnect only
 * delays the answer.
 *
 * <p>Deadlines follow a monotonic ticker (System.nanoTime), not the service's Clock: a test's frozen clock must not
 * turn a 30 s wait into a hang.
 *
 * <p>{@code read} must run each read in a transaction of its own (with the caller's RLS identity) and must not be
 * called inside an open transaction: a long-poll holding a pooled connection for 30 s would starve the pool.
 */
public final class LongPoll {

    public static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final List<Duration> SETTLE = List.of(Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80));

    private final ChangeNotifications notifications;
    private final Duration fallbackInterval;
    private final LongSupplier nanoTime;

    public LongPoll(ChangeNotifications notifications, Duration fallbackInterval) {
        this(notifications, fallbackInterval, System::nanoTime);
    }

    LongPoll(ChangeNotifications notifications, Duration fallbackInterval, LongSupplier nanoTime) {
        this.notifications = notifications;
        this.fallbackInterval = fallbackInterval;
        this.nanoTime = nanoTime;
    }

    /**
     * @param connectionIds the scope's connections (empty: any, for the everything scope)
     * @param maxWait       how long to wait for a change; zero reads once. At most {@link #MAX_WAIT}.
     * @param read          one read of the feed from the consumer's cursor, in a transaction of its own
     * @return the first non-empty page, or the last (empty) page when the wait ended
     */
    public ChangePage poll(Set<Long> connectionIds, Duration maxWait, Supplier<ChangePage> read)
            throws InterruptedException {
        if (maxWait.isNegative() || maxWait.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("wait must be between 0 and " + MAX_WAIT + ": " + maxWait);
        }
        long deadline = nanoTime.getAsLong() + maxWait.toNanos();
        try (ChangeNotifications.Subscription subscription = notifications.subscribe(connectionIds)) {
            ChangePage page = read.get();
            while (page.changes().isEmpty()) {
                Duration left = Duration.ofNanos(deadline - nanoTime.getAsLong());
                if (left.isNegative() || left.isZero()) {
                    return page;
                }
                boolean notified = subscription.await(min(left, fallbackInterval));
                page = read.get();
                if (notified) {
                    for (Duration pause : SETTLE) {
                        if (!page.changes().isEmpty() || nanoTime.getAsLong() + pause.toNanos() > deadline) {
                            break;
                        }
                        Thread.sleep(pause.toMillis());
                        page = read.get();
                    }
                }
            }
            return page;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
