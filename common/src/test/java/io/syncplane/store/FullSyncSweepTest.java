package io.syncplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.persistence.PostgresLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class FullSyncSweepTest {

    private PostgresLedger ledger;
    private PostgresItemStore items;
    private FullSyncSweep sweep;
    private long connection;

    @BeforeEach
    void setUp() {
        ledger = PostgresLedger.create();
        items = new PostgresItemStore(ledger.jdbc, new JdbcTemplate(ledger.schema.dataSource()), ledger.clock);
        sweep = new FullSyncSweep(items, FullSyncSweep.DEFAULT_MAX_DELETE_FRACTION);
        connection = ledger.newConnection().id();
        items.write(SyncedTables.CONTACT, connection, contacts(0, 20), null);
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void up_to_the_limit_unseen_items_are_tombstoned() {
        long generation = items.newGeneration();
        items.write(SyncedTables.CONTACT, connection, contacts(0, 2), generation); // 18 of 20 unseen: exactly 90%

        FullSyncSweep.Result result = sweep.sweep(SyncedTables.CONTACT, connection, generation, Map.of(), false);

        assertThat(result.warning()).isNull();
        assertThat(result.write().deleted()).isEqualTo(18);
        assertThat(items.countLive(SyncedTables.CONTACT, connection, Map.of())).isEqualTo(2);
    }

    @Test
    void beyond_the_limit_the_data_is_kept_with_a_warning_unless_forced() {
        long generation = items.newGeneration();
        items.write(SyncedTables.CONTACT, connection, contacts(0, 1), generation); // 19 of 20 unseen: 95%

        FullSyncSweep.Result held = sweep.sweep(SyncedTables.CONTACT, connection, generation, Map.of(), false);
        long liveAfterHold = items.countLive(SyncedTables.CONTACT, connection, Map.of());
        FullSyncSweep.Result forced = sweep.sweep(SyncedTables.CONTACT, connection, generation, Map.of(), true);

        assertThat(held.write()).isEqualTo(ItemWrite.NONE);
        assertThat(held.warning()).contains("safety valve").contains("19 of 20").contains("forced full resync");
        assertThat(liveAfterHold).isEqualTo(20);
        assertThat(forced.write().deleted()).isEqualTo(19);
        assertThat(items.countLive(SyncedTables.CONTACT, connection, Map.of())).isEqualTo(1);
    }

    private static List<SyncedItem> contacts(int from, int to) {
        List<SyncedItem> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(SyncedItem.live(List.of("people/c" + i), Map.of("display_name", "Person " + i),
                    "{\"resourceName\":\"people/c" + i + "\"}"));
        }
        return list;
    }
}
