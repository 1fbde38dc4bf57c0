package io.syncplane.limits;

import io.syncplane.domain.Source;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The per-user request budget.
 *
 * @param requestsPerSecond the steady rate every user's requests may reach, all workers and sources together
 * @param burst             requests a user may send at once after being idle; 1 keeps every window of W seconds at
 *                          {@code rate * W} requests (up to one more for the request that opens it)
 * @param maxInFlight       a user's requests waiting for Google's answer at any moment
 * @param maxWait           how long a request may wait for a permit before its sync yields and is deferred
 * @param backfillWeight    the weight of a full sync's requests relative to incremental ones (weight 1)
 * @param sourceWeights     a weight per source, multiplied in (default 1 each)
 */
public record RequestLimits(double requestsPerSecond, int burst, int maxInFlight, Duration maxWait,
                            double backfillWeight, Map<Source, Double> sourceWeights) {

    public static final double DEFAULT_RATE = 1.0;
    public static final int DEFAULT_BURST = 1;
    public static final int DEFAULT_MAX_IN_FLIGHT = 5;
    /**
     * Long enough for a user's round of polls: at 1 request/s the four sources' incremental syncs send about nine
     * requests, and a request behind the others of that round must not give up and throw its run's unsaved work
     * away (3 s did: a third of Calendar polls were deferred and started over in the fault bench). A waiting sync
     * lends its worker slot to others, so the wait costs a sleeping thread, not a worker.
     */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);
    public static final double DEFAULT_BACKFILL_WEIGHT = 0.5;

    public RequestLimits {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requests per second must be positive and finite: " + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1: " + maxInFlight);
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("max wait must not be negative: " + maxWait);
        }
        checkWeight("backfill weight", backfillWeight);
        Map<Source, Double> weights = new EnumMap<>(Source.class);
        sourceWeights.forEach((source, weight) -> {
            checkWeight("weight of " + source.id(), weight);
            weights.put(source, weight);
        });
        sourceWeights = Map.copyOf(weights);
    }

    public static RequestLimits defaults() {
        return new RequestLimits(DEFAULT_RATE, DEFAULT_BURST, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_WAIT,
                DEFAULT_BACKFILL_WEIGHT, Map.of());
    }

    /** The weight of one request: its source's weight, times the backfill weight during a full sync. */
    public double weight(Source source, boolean backfill) {
        double weight = sourceWeights.getOrDefault(source, 1.0);
        return backfill ? weight * backfillWeight : weight;
    }

    /**
     * Permits are spaced this much wider than the rate. Google counts requests when they reach it, and the network and
     * thread scheduling between a permit and its arrival move requests by a few milliseconds either way: spaced exactly
     * at the rate, two of them can land closer than one interval, and a window of W seconds then holds one request
     * more than {@code rate * W}. The guard absorbs up to 2 % of an interval of such jitter per request.
     */
    static final double JITTER_GUARD = 1.02;

    /** Time between two of a user's permits at the steady rate, in (fractional) milliseconds. */
    double intervalMillis() {
        return 1000.0 * JITTER_GUARD / requestsPerSecond;
    }

    /** How far ahead of the steady rate a burst may run, in milliseconds. */
    double toleranceMillis() {
        return (burst - 1) * intervalMillis();
    }

    private static void checkWeight(String what, double weight) {
        if (!(weight > 0) || weight > 1) {
            throw new IllegalArgumentException(what + " must be in (0, 1]: " + weight);
        }
    }
}
