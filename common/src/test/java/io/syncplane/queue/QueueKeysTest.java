package io.syncplane.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import org.junit.jupiter.api.Test;

class QueueKeysTest {

    @Test
    void sequentialConnectionIdsSpreadEvenlyOverPartitions() {
        QueueKeys keys = new QueueKeys("q:", 8);
        int[] counts = new int[8];
        for (long c = 1; c <= 80_000; c++) {
            counts[keys.partitionOf(new SyncKey(c, Source.GMAIL))]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_500, 10_500);
        }
    }

    @Test
    void allSourcesOfAConnectionShareItsPartition() {
        QueueKeys keys = new QueueKeys("q:", 16);
        for (long c = 1; c <= 1_000; c++) {
            int partition = keys.partitionOf(new SyncKey(c, Source.GMAIL));
            for (Source source : Source.values()) {
                assertThat(keys.partitionOf(new SyncKey(c, source))).isEqualTo(partition);
            }
        }
    }

    @Test
    void everyFixedKeyCarriesThePartitionsHashTag() {
        QueueKeys keys = new QueueKeys("syncplane:queue:", 4);
        assertThat(keys.partitionPrefix(3)).isEqualTo("syncplane:queue:{3}:");
        assertThat(keys.fixedKeys(3)).hasSize(11).allMatch(key -> key.startsWith("syncplane:queue:{3}:"));
    }
}
