package io.syncplane.emulator.faults;

import io.syncplane.emulator.http.Api;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Faults to inject into API calls: each request independently gets a 500 backendError with probability
 * {@code error500Rate}, a 503 with {@code error503Rate}, or has its connection dropped with {@code dropRate}; every
 * request is delayed by {@code latency}. {@code apis} limits the plan to some APIs (empty = all).
 */
public record FaultPlan(Duration latency, double error500Rate, double error503Rate, double dropRate, Set<Api> apis) {

    public FaultPlan {
        latency = latency == null ? Duration.ZERO : latency;
        apis = apis == null || apis.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(apis));
        requireRate(error500Rate, "error500Rate");
        requireRate(error503Rate, "error503Rate");
        requireRate(dropRate, "dropRate");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        if (error500Rate + error503Rate + dropRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("error and drop rates add up to more than 1");
        }
    }

    public static FaultPlan none() {
        return new FaultPlan(Duration.ZERO, 0, 0, 0, Set.of());
    }

    public static FaultPlan latency(Duration latency) {
        return none().withLatency(latency);
    }

    public static FaultPlan errors500(double rate) {
        return new FaultPlan(Duration.ZERO, rate, 0, 0, Set.of());
    }

    public static FaultPlan errors503(double rate) {
        return new FaultPlan(Duration.ZERO, 0, rate, 0, Set.of());
    }

    public static FaultPlan drops(double rate) {
        return new FaultPlan(Duration.ZERO, 0, 0, rate, Set.of());
    }

    public FaultPlan withLatency(Duration value) {
        return new FaultPlan(value, error500Rate, error503Rate, dropRate, apis);
    }

    public FaultPlan onlyFor(Api... only) {
        return new FaultPlan(latency, error500Rate, error503Rate, dropRate, Set.of(only));
    }

    public boolean appliesTo(Api api) {
        return apis.isEmpty() || apis.contains(api);
    }

    public boolean inactive() {
        return latency.isZero() && error500Rate == 0 && error503Rate == 0 && dropRate == 0;
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + rate);
        }
    }
}
