package io.syncplane.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code syncplane.metrics.*}.
 *
 * @param clusterGaugeTtl how long a read of the ledger- and queue-wide gauges (and of the backend probes) is reused:
 *                        a scrape costs at most one query per gauge group per TTL (default 10 s)
 * @param ledgerRole      the role the ledger gauges read as, for a service whose sessions work under row-level
 *                        security (the api-service: its operator role); empty to read as the session's role
 */
@ConfigurationProperties("syncplane.metrics")
public record MetricsProperties(Duration clusterGaugeTtl, String ledgerRole) {

    public MetricsProperties {
        clusterGaugeTtl = clusterGaugeTtl == null ? Duration.ofSeconds(10) : clusterGaugeTtl;
        ledgerRole = ledgerRole == null || ledgerRole.isBlank() ? null : ledgerRole;
        if (clusterGaugeTtl.isNegative()) {
            throw new IllegalArgumentException("syncplane.metrics.cluster-gauge-ttl must not be negative");
        }
    }
}
