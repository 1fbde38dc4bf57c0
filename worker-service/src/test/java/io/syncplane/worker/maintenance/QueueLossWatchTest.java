package io.syncplane.worker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.queue.QueueSettings;
import io.syncplane.queue.RateLimitPolicy;
import io.syncplane.queue.RedisSyncQueue;
import io.syncplane.testing.RedisNamespace;
import io.syncplane.testing.TestBackends;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis loses the queue while no scanner runs (JobRunr's master died with it): the first worker to look rebuilds it
 * from the ledger at once, the others leave it, and an intact queue costs nothing but the look.
 */
class QueueLossWatchTest {

    private final PostgresLedger ledger = PostgresLedger.create();
    private final RedisNamespace redis = TestBackends.newRedisNamespace();
    private final QueueSettings settings = QueueSettings.defaults().withKeyPrefix(redis.prefix())
            .withRateLimits(RateLimitPolicy.uniform(new RateLimitPolicy.Rate(1_000, 1_000)));
    private final RedisSyncQueue one = RedisSyncQueue.connect(redis.client(), settings, ledger.clock);
    private final RedisSyncQueue two = RedisSyncQueue.connect(redis.client(), settings, ledger.clock);
    private final MaintenanceProperties maintenance = new MaintenanceProperties(null, 100, null, null);

    @AfterEach
    void close() {
        one.close();
        two.close();
        redis.close();
        ledger.close();
    }

    @Test
    void the_first_worker_to_see_the_queue_lost_rebuilds_it_from_the_ledger() {
        GoogleConnection connection = ledger.newConnection();
        for (Source source : Source.values()) {
            ledger.states.register(new SyncKey(connection.id(), source), connection.userId(), ledger.clock.instant());
        }
        QueueLossWatch first = watch(one);
        QueueLossWatch second = watch(two);
        assertThat(first.check()).as("it set the queue up, so it filled it from the ledger").isTrue();
        assertThat(second.check()).as("nothing lost since").isFalse();
        assertThat(one.claim("w1", 10, Duration.ofSeconds(30))).hasSize(Source.values().length);
        ledger.clock.advance(Duration.ofDays(2)); // leases run out; the ledger still holds every source due

        redis.flush();

        assertThat(first.check()).isTrue();
        assertThat(second.check()).as("already rebuilt by the first").isFalse();
        assertThat(one.stats().size()).as("every due source back in the queue").isEqualTo(Source.values().length);
        assertThat(two.claim("w2", 10, Duration.ofSeconds(30))).hasSize(Source.values().length);
    }

    private QueueLossWatch watch(RedisSyncQueue queue) {
        return new QueueLossWatch(queue, new EnqueueDueSyncsTask(ledger.scanner, queue, maintenance, ledger.clock),
                Duration.ofSeconds(2));
    }
}
