package io.syncplane.emulator.faults;

import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.users.UserAccount;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Decides faults per request: the user's plan if one is set, else the global plan. */
public final class FaultInjector {

    private volatile FaultPlan global = FaultPlan.none();
    private final AtomicLong injected = new AtomicLong();

    public FaultPlan global() {
        return global;
    }

    public void global(FaultPlan plan) {
        this.global = plan == null ? FaultPlan.none() : plan;
    }

    public long injectedCount() {
        return injected.get();
    }

    /** The latency the user's (or the global) plan adds to a request of {@code api}, without deciding any error. */
    public java.time.Duration latency(UserAccount user, Api api) {
        FaultPlan plan = user.faults() == null ? global : user.faults();
        return plan.inactive() || !plan.appliesTo(api) ? java.time.Duration.ZERO : plan.latency();
    }

    public FaultDecision decide(UserAccount user, Api api) {
        FaultPlan plan = user.faults();
        if (plan == null) {
            plan = global;
        }
        if (plan.inactive() || !plan.appliesTo(api)) {
            return FaultDecision.NONE;
        }
        double roll = ThreadLocalRandom.current().nextDouble();
        FaultDecision decision;
        if (roll < plan.dropRate()) {
            decision = new FaultDecision(plan.latency(), true, null);
        } else if (roll < plan.dropRate() + plan.error500Rate()) {
            decision = new FaultDecision(plan.latency(), false, GoogleErrors.backendError());
        } else if (roll < plan.dropRate() + plan.error500Rate() + plan.error503Rate()) {
            decision = new FaultDecision(plan.latency(), false, GoogleErrors.unavailable());
        } else {
            return new FaultDecision(plan.latency(), false, null);
        }
        injected.incrementAndGet();
        return decision;
    }
}
