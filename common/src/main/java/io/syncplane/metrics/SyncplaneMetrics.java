package io.syncplane.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncMode;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.queue.Lane;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The counters and histograms of docs/metrics.md, recorded where things happen. Micrometer names use dots; the
 * Prometheus registry turns {@code syncplane.items.ingested} into {@code syncplane_items_ingested_total} and timers into
 * {@code _seconds} histograms. No label ever names a user or a connection.
 *
 * <p>Series with a small, fixed label set are registered up front ({@link #registerWorkerSeries()},
 * {@link #registerApiSeries()}), so a rate over them exists from the first scrape instead of appearing with the first
 * event; the rest appear with their first event.
 */
public final class SyncplaneMetrics {

    public static final String CLAIMS = "syncplane.worker.claims";
    public static final String CLAIM_LATENCY = "syncplane.queue.claim.latency";
    public static final String SYNC_DURATION = "syncplane.sync.duration";
    public static final String ITEMS_INGESTED = "syncplane.items.ingested";
    public static final String RATE_LIMITED = "syncplane.sync.jobs.rate.limited";
    public static final String RETRIED = "syncplane.sync.jobs.retried";
    public static final String DEAD_LETTERED = "syncplane.sync.jobs.dead.lettered";
    public static final String GOOGLE_ERRORS = "syncplane.google.errors";
    public static final String LEASES_RECLAIMED = "syncplane.queue.leases.reclaimed";
    public static final String SYNCS_RECOVERED = "syncplane.syncs.recovered";
    public static final String PUSH_RENEWALS = "syncplane.push.renewals";
    public static final String PUSH_NOTIFICATIONS = "syncplane.push.notifications";
    public static final String TOKEN_REFRESHES = "syncplane.token.refreshes";
    public static final String REQUEST_PERMIT_WAIT = "syncplane.request.permit.wait";
    public static final String REQUEST_BUDGET_EXHAUSTED = "syncplane.request.budget.exhausted";
    public static final String OUTBOUND_OPERATIONS = "syncplane.outbound.operations";
    /** What became of an attempt to send an outbound operation (two-way sync). */
    public static final List<String> OUTBOUND_OUTCOMES = List.of("applied", "conflict", "failed", "retried");

    /** Sync run durations: from a fast no-change poll to a mailbox's first full sync. */
    static final Duration[] SYNC_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200,
            1800);
    /** Due-to-claim delays: milliseconds when workers keep up, minutes when they do not. */
    static final Duration[] CLAIM_BUCKETS = seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120,
            300, 600);

    /** Waits for a per-user request permit: none at all when the user is idle, up to the maximum wait when busy. */
    static final Duration[] PERMIT_WAIT_BUCKETS = seconds(0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10);
    /** Why a request found no permit within the maximum wait (its sync was deferred). */
    static final List<String> BUDGET_REASONS = List.of("rate", "in_flight", "outranked");

    /** Push sources: the ones Google can push for. */
    public static final List<Source> PUSH_SOURCES = List.of(Source.GMAIL, Source.CALENDAR);

    /** How a push webhook delivery ended. */
    public enum NotificationOutcome { ACCEPTED, REJECTED, IGNORED }

    /** How a token refresh ended. */
    public enum RefreshOutcome { REFRESHED, INVALID_GRANT, FAILED }

    private final MeterRegistry registry;

    public SyncplaneMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics into a registry of their own, for tests and tools that do not look at them. */
    public static SyncplaneMetrics none() {
        return new SyncplaneMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The worker's fixed series, at zero until something happens. */
    public void registerWorkerSeries() {
        for (Source source : Source.values()) {
            for (String operation : List.of("added", "updated", "deleted")) {
                registry.counter(ITEMS_INGESTED, "source", source.id(), "operation", operation);
            }
            registry.counter(RATE_LIMITED, "source", source.id());
            registry.counter(RETRIED, "source", source.id());
            registry.counter(DEAD_LETTERED, "source", source.id());
            for (String outcome : OUTBOUND_OUTCOMES) {
                registry.counter(OUTBOUND_OPERATIONS, "source", source.id(), "outcome", outcome);
            }
        }
        registry.counter(CLAIMS);
        registry.counter(LEASES_RECLAIMED);
        registry.counter(SYNCS_RECOVERED);
        for (Source source : PUSH_SOURCES) {
            for (String outcome : List.of("renewed", "failed")) {
                registry.counter(PUSH_RENEWALS, "source", source.id(), "outcome", outcome);
            }
        }
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            registry.counter(TOKEN_REFRESHES, "outcome", id(outcome));
        }
        for (String reason : BUDGET_REASONS) {
            registry.counter(REQUEST_BUDGET_EXHAUSTED, "reason", reason);
        }
        permitWaitTimer();
    }

    /** The api-service's fixed series. */
    public void registerApiSeries() {
        for (Source source : PUSH_SOURCES) {
            for (NotificationOutcome outcome : NotificationOutcome.values()) {
                registry.counter(PUSH_NOTIFICATIONS, "source", source.id(), "outcome", id(outcome));
            }
        }
    }

    public void claimed(int count) {
        registry.counter(CLAIMS).increment(count);
    }

    public void claimLatency(Lane lane, Duration latency) {
        Timer.builder(CLAIM_LATENCY).tag("lane", lane.name().toLowerCase(Locale.ROOT))
                .serviceLevelObjectives(CLAIM_BUCKETS).register(registry)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    public void syncDuration(Source source, SyncMode mode, String outcome, long nanos) {
        Timer.builder(SYNC_DURATION).tags("source", source.id(), "mode", mode.id(), "outcome", outcome)
                .serviceLevelObjectives(SYNC_BUCKETS).register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** One committed page's (or completion's) writes. */
    public void ingested(Source source, SyncCounts counts) {
        if (counts.added() > 0) {
            registry.counter(ITEMS_INGESTED, "source", source.id(), "operation", "added").increment(counts.added());
        }
        if (counts.updated() > 0) {
            registry.counter(ITEMS_INGESTED, "source", source.id(), "operation", "updated")
                    .increment(counts.updated());
        }
        if (counts.deleted() > 0) {
            registry.counter(ITEMS_INGESTED, "source", source.id(), "operation", "deleted")
                    .increment(counts.deleted());
        }
    }

    /** How long one request waited for its per-user permit (zero when one was there). */
    public void requestPermitWait(Duration waited) {
        permitWaitTimer().record(waited.isNegative() ? Duration.ZERO : waited);
    }

    /** A request found no permit within the maximum wait; its sync yields and is deferred. */
    public void requestBudgetExhausted(String reason) {
        registry.counter(REQUEST_BUDGET_EXHAUSTED, "reason", reason).increment();
    }

    private Timer permitWaitTimer() {
        return Timer.builder(REQUEST_PERMIT_WAIT).serviceLevelObjectives(PERMIT_WAIT_BUCKETS).register(registry);
    }

    public void rateLimited(Source source) {
        registry.counter(RATE_LIMITED, "source", source.id()).increment();
    }

    public void retried(Source source) {
        registry.counter(RETRIED, "source", source.id()).increment();
    }

    /** @param outcome one of {@link #OUTBOUND_OUTCOMES} */
    public void outbound(Source source, String outcome) {
        registry.counter(OUTBOUND_OPERATIONS, "source", source.id(), "outcome", outcome).increment();
    }

    public void deadLettered(Source source) {
        registry.counter(DEAD_LETTERED, "source", source.id()).increment();
    }

    /**
     * @param api    gmail, calendar, people, tasks or oauth2
     * @param status the HTTP status, or "io" for a transport failure
     * @param reason Google's reason, or "none"
     */
    public void googleError(String api, String status, String reason) {
        registry.counter(GOOGLE_ERRORS, "api", api, "status", status, "reason", reason).increment();
    }

    public void leasesReclaimed(int count) {
        registry.counter(LEASES_RECLAIMED).increment(count);
    }

    public void syncRecovered() {
        registry.counter(SYNCS_RECOVERED).increment();
    }

    public void pushRenewal(Source source, boolean renewed) {
        registry.counter(PUSH_RENEWALS, "source", source.id(), "outcome", renewed ? "renewed" : "failed")
                .increment();
    }

    public void pushNotification(Source source, NotificationOutcome outcome) {
        registry.counter(PUSH_NOTIFICATIONS, "source", source.id(), "outcome", id(outcome)).increment();
    }

    public void tokenRefresh(RefreshOutcome outcome) {
        registry.counter(TOKEN_REFRESHES, "outcome", id(outcome)).increment();
    }

    private static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return out;
    }
}
