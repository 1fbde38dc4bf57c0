package io.syncplane.queue;

import static io.syncplane.queue.Triggers.gmailOf;
import static io.syncplane.queue.Triggers.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link SyncQueueContract} on a real three-node Redis Cluster (Lettuce's cluster client). */
class RedisClusterSyncQueueTest extends SyncQueueContract {

    @Override
    protected QueueBackend newBackend() {
        return new RedisClusterQueueBackend();
    }

    @Test
    void partitionsSpreadOverTheNodesAndEveryJobComesBack() {
        for (long connection = 1; connection <= 64; connection++) {
            enqueue(scheduled(gmailOf(connection)));
        }
        Set<Integer> nodesHoldingEntries = new HashSet<>();
        for (int port : RedisClusterNodes.shared().ports()) {
            String keys = RedisClusterNodes.cli(port, "--scan", "--pattern", baseSettings().keyPrefix() + "*:jobs");
            if (!keys.isBlank()) {
                nodesHoldingEntries.add(port);
            }
        }
        assertThat(nodesHoldingEntries).as("nodes holding queue entries").hasSizeGreaterThan(1);
        assertThat(claim(100)).hasSize(64);
    }
}
