package io.syncplane.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplane.config.QueueProperties;
import io.syncplane.queue.SyncQueue;
import io.syncplane.startup.SyncQueueHealthIndicator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The metrics both services share (docs/metrics.md): the recorder the code counts with, the cluster gauges and the
 * backend probes. Scanned by both services (io.syncplane.metrics is in neither's exclusions).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
public class MetricsConfiguration {

    @Bean
    SyncplaneMetrics syncplaneMetrics(ObjectProvider<MeterRegistry> registry) {
        return new SyncplaneMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    ClusterGauges clusterGauges(SyncplaneMetrics metrics, JdbcClient jdbc, PlatformTransactionManager transactions,
                                SyncQueue queue, QueueProperties queueProperties, MetricsProperties properties,
                                Clock clock) {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        return new ClusterGauges(metrics.registry(), new LedgerGauges(jdbc, readOnly, properties.ledgerRole()), queue,
                queueProperties.settings().partitions(), properties.clusterGaugeTtl(), clock);
    }

    @Bean
    BackendGauges backendGauges(SyncplaneMetrics metrics, DataSource dataSource,
                                SyncQueueHealthIndicator syncQueueHealthIndicator, MetricsProperties properties,
                                Clock clock) {
        Map<String, HealthIndicator> probes = new LinkedHashMap<>();
        probes.put("postgres", new DataSourceHealthIndicator(dataSource));
        probes.put("redis", syncQueueHealthIndicator);
        return new BackendGauges(metrics.registry(), probes, properties.clusterGaugeTtl(), clock);
    }
}
