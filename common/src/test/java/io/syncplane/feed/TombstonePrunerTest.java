package io.syncplane.feed;

import static io.syncplane.feed.FeedFixture.event;
import static io.syncplane.feed.FeedFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.domain.Source;
import io.syncplane.store.SyncedItem;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TombstonePrunerTest {

    private static final Duration RETENTION = Duration.ofDays(30);

    private final FeedFixture f = new FeedFixture();
    private final TombstonePruner pruner = new TombstonePruner(f.ledger.jdbc, f.ledger.clock);

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void old_tombstones_go_in_batches_the_horizon_rises_to_them_and_older_cursors_must_resync() {
        long c = f.newConnection();
        FeedScope scope = FeedScope.connections(Set.of(c));
        f.write(Source.GMAIL, c, message("m1", "a"), message("m2", "a"), message("m3", "a"), message("m4", "a"),
                message("live", "a"));
        f.write(Source.CALENDAR, c, event("primary", "e1", "x"));
        f.awaitWatermark();
        FeedCursor beforeDeletes = f.read(scope, null, 100).next();

        f.write(Source.GMAIL, c, SyncedItem.deletedKey(List.of("m1")), SyncedItem.deletedKey(List.of("m2")),
                SyncedItem.deletedKey(List.of("m3")));
        f.write(Source.CALENDAR, c, SyncedItem.deletedKey(List.of("primary", "e1")));
        f.awaitWatermark();
        ChangePage sawOldDeletes = f.read(scope, beforeDeletes, 100);
        assertThat(sawOldDeletes.changes()).hasSize(4);
        FeedPosition lastOldDelete = sawOldDeletes.changes().get(3).position();

        f.ledger.clock.advance(RETENTION.plusDays(1));
        f.write(Source.GMAIL, c, SyncedItem.deletedKey(List.of("m4"))); // recent: kept
        f.awaitWatermark();

        long pruned = pruner.pruneAll(f.ledger.clock.instant().minus(RETENTION), 2);

        assertThat(pruned).isEqualTo(4);
        assertThat(f.ledger.jdbc.sql("SELECT message_id FROM gmail_message ORDER BY 1").query(String.class).list())
                .containsExactly("live", "m4");
        assertThat(f.ledger.jdbc.sql("SELECT count(*) FROM calendar_event").query(Long.class).single()).isZero();
        assertThat(pruner.horizon()).isEqualTo(lastOldDelete);
        assertThatThrownBy(() -> f.read(scope, beforeDeletes, 100)).isInstanceOfSatisfying(
                ResyncRequiredException.class,
                e -> assertThat(e.reason()).isEqualTo(ResyncRequiredException.Reason.EXPIRED));
        // a consumer that had read past the pruned deletes goes on, and still gets the recent one
        assertThat(f.read(scope, sawOldDeletes.next(), 100).changes()).extracting(Change::id, Change::op)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m4", Change.Op.DELETE));
        // a fresh consumer simply never hears of the pruned rows
        assertThat(f.read(scope, null, 100).changes()).extracting(Change::id).containsExactly("live", "m4");
    }

    @Test
    void nothing_to_prune_leaves_the_horizon_and_a_resurrected_row_is_not_pruned() {
        long c = f.newConnection();
        f.write(Source.GMAIL, c, message("m1", "a"));
        f.write(Source.GMAIL, c, SyncedItem.deletedKey(List.of("m1")));
        f.write(Source.GMAIL, c, message("m1", "back"));
        f.ledger.clock.advance(RETENTION.plusDays(1));

        assertThat(pruner.pruneAll(f.ledger.clock.instant().minus(RETENTION), 100)).isZero();
        assertThat(pruner.horizon()).isEqualTo(FeedPosition.START);
        assertThat(f.ledger.jdbc.sql("SELECT count(*) FROM gmail_message").query(Long.class).single()).isOne();
    }
}
