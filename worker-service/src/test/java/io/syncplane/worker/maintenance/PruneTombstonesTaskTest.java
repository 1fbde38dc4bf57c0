package io.syncplane.worker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.feed.FeedPosition;
import io.syncplane.feed.TombstonePruner;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class PruneTombstonesTaskTest {

    private final PostgresLedger ledger = PostgresLedger.create();
    private final PostgresItemStore items =
            new PostgresItemStore(ledger.jdbc, new JdbcTemplate(ledger.schema.dataSource()), ledger.clock);
    private final TombstonePruner pruner = new TombstonePruner(ledger.jdbc, ledger.clock);

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void deletes_tombstones_past_the_configured_retention_and_raises_the_horizon() {
        long connection = ledger.newConnection().id();
        write(connection, SyncedItem.live(List.of("old"), Map.of(), "{}"),
                SyncedItem.live(List.of("recent"), Map.of(), "{}"), SyncedItem.live(List.of("live"), Map.of(), "{}"));
        write(connection, SyncedItem.deletedKey(List.of("old")));
        ledger.clock.advance(Duration.ofDays(8));
        write(connection, SyncedItem.deletedKey(List.of("recent")));
        ledger.clock.advance(Duration.ofDays(1));
        MaintenanceProperties properties = new MaintenanceProperties(null, null, null, null, Duration.ofDays(7));

        int deleted = new PruneTombstonesTask(pruner, properties, ledger.clock).run();

        assertThat(deleted).isEqualTo(1);
        assertThat(ledger.jdbc.sql("SELECT message_id FROM gmail_message ORDER BY 1").query(String.class).list())
                .containsExactly("live", "recent");
        assertThat(pruner.horizon()).isNotEqualTo(FeedPosition.START);
        assertThat(new MaintenanceProperties(null, null, null, null).tombstoneRetention())
                .isEqualTo(Duration.ofDays(30));
    }

    private void write(long connection, SyncedItem... batch) {
        ledger.transactions.executeWithoutResult(s -> items.write(SyncedTables.GMAIL_MESSAGE, connection,
                List.of(batch), null));
    }
}
