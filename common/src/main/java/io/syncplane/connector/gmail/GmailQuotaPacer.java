package io.syncplane.connector.gmail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps each connection's Gmail requests within a budget of quota units per second. Gmail throttles every user at
 * 250 units per second; an unpaced full sync would send its batches back to back, be told to come back in a second,
 * and end its run each time. The window slides instead of following whole seconds: Google's seconds are not ours, and
 * a sliding window keeps every one-second interval under the budget, Google's included. Windows outlive a run, so a
 * run that starts right after another one for the same connection does not spend the same second twice.
 */
final class GmailQuotaPacer {

    static final int MESSAGE_GET_UNITS = 5;
    static final int MESSAGES_LIST_UNITS = 5;
    static final int HISTORY_LIST_UNITS = 2;
    static final int PROFILE_UNITS = 1;

    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final int IDLE_SWEEP_THRESHOLD = 256;

    /** How the pacer waits; production sleeps, unit tests move a clock. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int unitsPerSecond;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<Long, Window> windows = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    GmailQuotaPacer(int unitsPerSecond, Clock clock, Sleeper sleeper) {
        this.unitsPerSecond = unitsPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    static GmailQuotaPacer sleeping(int unitsPerSecond, Clock clock) {
        return new GmailQuotaPacer(unitsPerSecond, clock, duration -> Thread.sleep(duration.toMillis(),
                duration.toNanosPart() % 1_000_000));
    }

    /** Waits until {@code units} more fit into the connection's last second, then books them. */
    void acquire(long connectionId, int units) throws InterruptedException {
        // A request dearer than the whole budget waits for an empty window and then goes alone.
        int needed = Math.min(units, unitsPerSecond);
        boolean booked = false;
        while (!booked) {
            Window window = windows.computeIfAbsent(connectionId, id -> new Window());
            synchronized (window) {
                // A sweep retired this window between the lookup and the lock: a booking here would be lost with it
                // (and the connection's next request would find a fresh, empty window), so look it up again.
                if (window.retired) {
                    continue;
                }
                Duration wait = window.waitFor(clock.instant(), needed, unitsPerSecond);
                while (!wait.isZero()) {
                    sleeper.sleep(wait);
                    wait = window.waitFor(clock.instant(), needed, unitsPerSecond);
                }
                window.book(clock.instant(), units);
                booked = true;
            }
        }
        sweepIdleWindows();
    }

    /**
     * Drops the windows of connections that spent nothing in the last second, so memory stays bounded by the
     * connections active recently. A window cannot go idle sooner than one window length after its last booking, so
     * sweeping more often than that finds nothing new; sweeping on every request once many connections have windows
     * made each request cost O(connections). One caller wins each sweep; the others go on.
     */
    private void sweepIdleWindows() {
        if (windows.size() <= IDLE_SWEEP_THRESHOLD) {
            return;
        }
        Instant now = clock.instant();
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(WINDOW))) {
            return;
        }
        windows.values().removeIf(w -> w.retireIfIdle(now));
    }

    int windowCount() {
        return windows.size();
    }

    private static final class Window {
        private final ArrayDeque<Spend> spends = new ArrayDeque<>();
        private long booked;
        /** Set, under the window's lock, by the sweep that removes it from the map; no booking goes into it after. */
        private boolean retired;

        Duration waitFor(Instant now, int needed, int budget) {
            expire(now);
            long freed = booked;
            for (Spend spend : spends) {
                if (freed + needed <= budget) {
                    break;
                }
                freed -= spend.units();
                if (freed + needed <= budget) {
                    return Duration.between(now, spend.at().plus(WINDOW));
                }
            }
            return Duration.ZERO;
        }

        void book(Instant now, int units) {
            spends.addLast(new Spend(now, units));
            booked += units;
        }

        synchronized boolean retireIfIdle(Instant now) {
            expire(now);
            retired = spends.isEmpty();
            return retired;
        }

        private void expire(Instant now) {
            Instant horizon = now.minus(WINDOW);
            while (!spends.isEmpty() && !spends.peekFirst().at().isAfter(horizon)) {
                booked -= spends.removeFirst().units();
            }
        }
    }

    private record Spend(Instant at, int units) {
    }
}
