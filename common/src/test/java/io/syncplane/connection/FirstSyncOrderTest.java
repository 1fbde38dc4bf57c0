package io.syncplane.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import org.junit.jupiter.api.Test;

class FirstSyncOrderTest {

    @Test
    void every_source_has_a_place_in_the_first_sync_order_contacts_first() {
        assertThat(ConnectionRegistry.FIRST_SYNC_ORDER).containsExactlyInAnyOrder(Source.values());
        assertThat(ConnectionRegistry.FIRST_SYNC_ORDER.get(0)).isEqualTo(Source.CONTACTS);
    }
}
