package io.syncplane.config;

import io.lettuce.core.RedisURI;
import io.syncplane.queue.QueueSettings;
import io.syncplane.queue.RateLimitPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code syncplane.redis.*}: where the queue lives, and its limits.
 *
 * @param uri                     Redis URI
 * @param keyPrefix               prefix of every queue key
 * @param permitsPerSecond        claims per second per Google connection (the per-user limiter)
 * @param burst                   claims a connection may make at once after being idle
 * @param maxRunningPerConnection concurrent syncs per connection across all workers
 * @param deadLetterAfter         failures in a row before a job is dead-lettered
 * @param pushDebounce            a burst of pushes within this window becomes one run
 * @param clusterNodes            comma-separated seed URIs of a Redis Cluster (e.g. redis://10.0.0.1:6379,...): when
 *                                set, the queue runs on the cluster through Lettuce's cluster client; {@code uri}
 *                                still serves the request limiter and the health checks, which are not cluster-aware
 */
@ConfigurationProperties("syncplane.redis")
public record QueueProperties(String uri, String keyPrefix, Double permitsPerSecond, Integer burst,
                              Integer maxRunningPerConnection, Integer deadLetterAfter, Duration pushDebounce,
                              String clusterNodes) {

    public QueueProperties {
        uri = uri == null || uri.isBlank() ? "redis://127.0.0.1:6379" : uri;
    }

    /** The cluster's seed nodes; empty for a single Redis. */
    public List<RedisURI> clusterUris() {
        if (clusterNodes == null || clusterNodes.isBlank()) {
            return List.of();
        }
        return Arrays.stream(clusterNodes.split(",")).map(String::trim).filter(node -> !node.isEmpty())
                .map(RedisURI::create).toList();
    }

    public QueueSettings settings() {
        QueueSettings defaults = QueueSettings.defaults();
        RateLimitPolicy rates = permitsPerSecond == null && burst == null ? defaults.rateLimits()
                : RateLimitPolicy.uniform(new RateLimitPolicy.Rate(
                        permitsPerSecond == null ? RateLimitPolicy.DEFAULT_RATE.permitsPerSecond() : permitsPerSecond,
                        burst == null ? RateLimitPolicy.DEFAULT_RATE.burst() : burst));
        return new QueueSettings(
                keyPrefix == null || keyPrefix.isBlank() ? defaults.keyPrefix() : keyPrefix,
                defaults.partitions(),
                pushDebounce == null ? defaults.pushDebounce() : pushDebounce,
                deadLetterAfter == null ? defaults.deadLetterAfter() : deadLetterAfter,
                maxRunningPerConnection == null ? defaults.maxRunningPerConnection() : maxRunningPerConnection,
                rates, defaults.laneWeights(), defaults.commandTimeout());
    }
}
