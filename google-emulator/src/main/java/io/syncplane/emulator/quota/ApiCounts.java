package io.syncplane.emulator.quota;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Requests one user made to one API, as the emulator saw them.
 *
 * @param requests  every authenticated request, including throttled and faulted ones
 * @param throttled requests answered with a quota error (403/429)
 * @param units     quota units consumed by admitted requests (Gmail costs; 1 per request elsewhere)
 * @param perSecond requests per second (all requests), keyed by the clock's epoch second; only recent seconds
 */
public record ApiCounts(long requests, long throttled, long units, NavigableMap<Long, Integer> perSecond) {

    public ApiCounts {
        perSecond = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(perSecond));
    }

    public static ApiCounts none() {
        return new ApiCounts(0, 0, 0, new TreeMap<>());
    }

    /** The largest number of requests in any window of this length (whole seconds), for rate-limit checks. */
    public long maxInWindow(Duration window) {
        long seconds = Math.max(1, window.toSeconds());
        long best = 0;
        long sum = 0;
        java.util.ArrayDeque<Map.Entry<Long, Integer>> inWindow = new java.util.ArrayDeque<>();
        for (Map.Entry<Long, Integer> entry : perSecond.entrySet()) {
            inWindow.addLast(entry);
            sum += entry.getValue();
            while (inWindow.peekFirst().getKey() <= entry.getKey() - seconds) {
                sum -= inWindow.removeFirst().getValue();
            }
            best = Math.max(best, sum);
        }
        return best;
    }

    /** Requests at or after the given instant (whole seconds). */
    public long since(Instant from) {
        return perSecond.tailMap(from.getEpochSecond(), true).values().stream().mapToLong(Integer::longValue).sum();
    }
}
