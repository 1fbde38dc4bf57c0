package io.syncplane.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.syncplane.config.QueueConfiguration;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code syncplane.redis.cluster-nodes} switches the application's queue to the cluster client. */
class RedisClusterConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(QueueConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void withClusterNodesTheQueueRunsOnTheCluster() {
        RedisClusterNodes nodes = RedisClusterNodes.shared();
        String seeds = nodes.seeds().stream().map(RedisURI::toString).collect(Collectors.joining(","));
        try (RedisClusterQueueBackend cleanup = new RedisClusterQueueBackend()) {
            String prefix = cleanup.baseSettings().keyPrefix();
            context.withPropertyValues("syncplane.redis.cluster-nodes=" + seeds,
                    "syncplane.redis.key-prefix=" + prefix).run(started -> {
                assertThat(started).hasNotFailed().hasSingleBean(RedisClusterClient.class);
                SyncQueue queue = started.getBean(SyncQueue.class);
                SyncKey key = new SyncKey(42, Source.GMAIL);
                assertThat(queue.enqueue(key, SyncTrigger.MANUAL, SyncMode.INCREMENTAL, Clock.systemUTC().instant()))
                        .isEqualTo(EnqueueOutcome.ENQUEUED);
                assertThat(queue.claim("w1", 5, Duration.ofMinutes(1))).extracting(ClaimedJob::key)
                        .containsExactly(key);
                String onNodes = nodes.ports().stream()
                        .map(port -> RedisClusterNodes.cli(port, "--scan", "--pattern", prefix + "*"))
                        .collect(Collectors.joining());
                assertThat(onNodes).contains(prefix);
            });
        }
    }

    @Test
    void withoutClusterNodesThereIsNoClusterClient() {
        context.run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(RedisClusterClient.class));
    }
}
