package io.syncplane.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code syncplane_backend_up{backend}}: 1 when this instance's last probe of the backend succeeded. The probes are
 * the health indicators readiness uses (Boot's DataSourceHealthIndicator, our SyncQueueHealthIndicator), run at most
 * once per TTL on scrape.
 */
public final class BackendGauges {

    public BackendGauges(MeterRegistry registry, Map<String, HealthIndicator> probes, Duration ttl, Clock clock) {
        probes.forEach((backend, indicator) -> {
            Cached<Boolean> up = new Cached<>(backend + " health", () -> isUp(indicator), ttl, clock);
            Gauge.builder("syncplane.backend.up", up, cached -> Boolean.TRUE.equals(cached.get()) ? 1 : 0)
                    .description("1 when this instance's last probe of the backend succeeded")
                    .tag("backend", backend).strongReference(true).register(registry);
        });
    }

    private static boolean isUp(HealthIndicator indicator) {
        try {
            return Status.UP.equals(indicator.health(false).getStatus());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
