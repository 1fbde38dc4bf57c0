package io.syncplane.emulator.requests;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Every HTTP request a user's token sent, as Google's front end would see it: a batch is one request, whatever its
 * parts. Kept per user (the latest {@link #MAX_PER_USER} start times, and the most requests in flight at once) so a
 * benchmark can check a client's per-user rate limit and concurrency cap from the outside.
 */
public final class RequestLog {

    static final int MAX_PER_USER = 100_000;

    private final LongSupplier nanoTime;
    private final Map<String, UserRequests> users = new ConcurrentHashMap<>();

    public RequestLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public static RequestLog systemTime() {
        return new RequestLog(System::nanoTime);
    }

    /** A request of {@code email} arrived; close the handle when its answer has been written. */
    public InFlight begin(String email) {
        UserRequests user = users.computeIfAbsent(email, e -> new UserRequests());
        user.begin(nanoTime.getAsLong());
        return new InFlight(user);
    }

    public void clear() {
        users.clear();
    }

    /** Per user: requests, the most that started within any {@code window} nanoseconds, the most in flight at once. */
    public Map<String, UserSummary> summary(long windowNanos) {
        Map<String, UserSummary> out = new LinkedHashMap<>();
        users.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> out.put(entry.getKey(), entry.getValue().summary(windowNanos)));
        return out;
    }

    /** One user's figures; {@code maxInWindow} counts request starts in the densest window of the asked length. */
    public record UserSummary(long requests, int maxInWindow, int maxInFlight, double spanSeconds) {
    }

    /** A request still being answered. */
    public static final class InFlight implements AutoCloseable {
        private final UserRequests user;
        private boolean closed;

        InFlight(UserRequests user) {
            this.user = user;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                user.end();
            }
        }
    }

    private static final class UserRequests {
        private final ArrayDeque<Long> starts = new ArrayDeque<>();
        private long total;
        private int inFlight;
        private int maxInFlight;

        synchronized void begin(long at) {
            starts.addLast(at);
            if (starts.size() > MAX_PER_USER) {
                starts.removeFirst();
            }
            total++;
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
        }

        synchronized void end() {
            inFlight--;
        }

        synchronized UserSummary summary(long windowNanos) {
            long[] at = starts.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(at); // arrival order and start order can differ by a few nanoseconds across threads
            int best = 0;
            for (int first = 0, last = 0; last < at.length; last++) {
                while (at[last] - at[first] >= windowNanos) {
                    first++;
                }
                best = Math.max(best, last - first + 1);
            }
            double span = at.length < 2 ? 0 : (at[at.length - 1] - at[0]) / 1e9;
            return new UserSummary(total, best, maxInFlight, span);
        }
    }

    /** For tests: the start times kept for a user, oldest first. */
    List<Long> startsOf(String email) {
        UserRequests user = users.get(email);
        if (user == null) {
            return List.of();
        }
        synchronized (user) {
            return new ArrayList<>(user.starts);
        }
    }
}
