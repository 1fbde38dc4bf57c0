package io.syncplane.emulator.quota;

import java.util.ArrayDeque;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts and quota windows of one user for one API. Synchronized: it is touched once or twice per request. */
final class ApiMeter {

    private final int retainedSeconds;
    private final AtomicInteger inFlight = new AtomicInteger();
    private long requests;
    private long throttled;
    private long units;
    private final ArrayDeque<long[]> seconds = new ArrayDeque<>();
    private long windowId = Long.MIN_VALUE;
    private long windowUsed;
    private long fullSyncWindowId = Long.MIN_VALUE;
    private long fullSyncUsed;

    ApiMeter(int retainedSeconds) {
        this.retainedSeconds = retainedSeconds;
    }

    synchronized void count(long epochSecond) {
        requests++;
        long[] last = seconds.peekLast();
        if (last != null && last[0] == epochSecond) {
            last[1]++;
            return;
        }
        seconds.addLast(new long[] {epochSecond, 1});
        while (seconds.size() > 1 && seconds.peekFirst()[0] <= epochSecond - retainedSeconds) {
            seconds.removeFirst();
        }
    }

    /** Consumes {@code cost} in the window {@code id} if it fits under {@code limit}; false (and counted) if not. */
    synchronized boolean tryConsume(long id, int cost, long limit) {
        if (id != windowId) {
            windowId = id;
            windowUsed = 0;
        }
        if (windowUsed + cost > limit) {
            throttled++;
            return false;
        }
        windowUsed += cost;
        units += cost;
        return true;
    }

    synchronized boolean tryFullSyncPage(long id, long limit) {
        if (id != fullSyncWindowId) {
            fullSyncWindowId = id;
            fullSyncUsed = 0;
        }
        if (fullSyncUsed + 1 > limit) {
            throttled++;
            return false;
        }
        fullSyncUsed++;
        return true;
    }

    synchronized void admitUncounted(int cost) {
        units += cost;
    }

    synchronized void countThrottled() {
        throttled++;
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    synchronized ApiCounts snapshot() {
        TreeMap<Long, Integer> perSecond = new TreeMap<>();
        for (long[] entry : seconds) {
            perSecond.put(entry[0], (int) entry[1]);
        }
        return new ApiCounts(requests, throttled, units, perSecond);
    }

    synchronized void reset() {
        requests = 0;
        throttled = 0;
        units = 0;
        seconds.clear();
    }
}
