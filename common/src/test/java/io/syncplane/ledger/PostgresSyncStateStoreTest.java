package io.syncplane.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.testing.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresSyncStateStoreTest extends SyncStateStoreContract {

    private static PostgresLedger ledger;
    private final Map<Long, Long> userByConnection = new HashMap<>();

    @BeforeAll
    static void createLedger() {
        ledger = PostgresLedger.create();
        ledger.jdbc.sql("CREATE TABLE synced_item (id text PRIMARY KEY)").update();
    }

    @AfterAll
    static void dropLedger() {
        ledger.close();
    }

    @Override
    protected SyncStateStore store() {
        return ledger.states;
    }

    @Override
    protected SyncRunStore runs() {
        return ledger.runs;
    }

    @Override
    protected MutableClock clock() {
        return ledger.clock;
    }

    @Override
    protected SyncKey newKey(Source source) {
        GoogleConnection connection = ledger.newConnection();
        userByConnection.put(connection.id(), connection.userId());
        return new SyncKey(connection.id(), source);
    }

    @Override
    protected long userIdOf(SyncKey key) {
        return userByConnection.get(key.connectionId());
    }

    @Test
    void the_cursor_commits_in_the_same_transaction_as_the_data_it_covers() {
        SyncState running = syncing();

        assertThatThrownBy(() -> ledger.transactions.executeWithoutResult(tx -> {
            ledger.jdbc.sql("INSERT INTO synced_item (id) VALUES ('m-1')").update();
            store().complete(running, new SyncCompletion("h-1", new SyncCounts(1, 0, 0), now()));
            throw new IllegalStateException("crash before commit");
        })).hasMessage("crash before commit");

        assertThat(store().get(running.key())).isEqualTo(running);
        assertThat(itemCount("m-1")).isZero();

        ledger.transactions.executeWithoutResult(tx -> {
            ledger.jdbc.sql("INSERT INTO synced_item (id) VALUES ('m-1')").update();
            store().complete(running, new SyncCompletion("h-1", new SyncCounts(1, 0, 0), now()));
        });

        assertThat(store().get(running.key()).cursor()).isEqualTo("h-1");
        assertThat(itemCount("m-1")).isEqualTo(1);
    }

    @Test
    void a_checkpoint_and_its_page_of_data_commit_or_roll_back_together() {
        SyncState running = syncing();

        assertThatThrownBy(() -> ledger.transactions.executeWithoutResult(tx -> {
            ledger.jdbc.sql("INSERT INTO synced_item (id) VALUES ('page-1-item')").update();
            store().checkpoint(running, SyncCheckpoint.of("list", "page-2", new SyncCounts(1, 0, 0)));
            throw new IllegalStateException("killed mid-page");
        })).hasMessage("killed mid-page");

        assertThat(store().get(running.key()).checkpoint()).isNull();
        assertThat(itemCount("page-1-item")).isZero();
    }

    @Test
    void the_start_statement_brings_the_outbox_marker_with_it_and_transitions_carry_it() {
        SyncKey key = newKey(Source.CALENDAR);
        SyncState registered = store().register(key, userIdOf(key), now());
        new io.syncplane.writeback.PostgresOutboxStore(ledger.jdbc, ledger.clock).markSourcePending(key);
        java.time.Instant marked = ledger.jdbc.sql("SELECT outbox_pending_since FROM sync_state WHERE id = ?")
                .param(registered.id()).query(java.time.OffsetDateTime.class).single().toInstant();

        SyncState started = store().startIfWaiting(key, startBy("w")).orElseThrow();
        SyncState completed = store().complete(started, new SyncCompletion("c", SyncCounts.ZERO, now()));

        assertThat(registered.outboxPendingSince()).isNull();
        assertThat(started.outboxPendingSince()).isEqualTo(marked);
        assertThat(started.hasOutboundPending()).isTrue();
        assertThat(completed.outboxPendingSince()).isEqualTo(marked);
        assertThat(store().get(key).outboxPendingSince()).as("only the outbox clears it").isEqualTo(marked);
    }

    @Test
    void old_runs_are_pruned_in_batches_and_a_running_one_is_kept() {
        try (PostgresLedger own = PostgresLedger.create()) {
            GoogleConnection connection = own.newConnection();
            SyncKey key = new SyncKey(connection.id(), Source.TASKS);
            SyncState state = own.states.register(key, connection.userId(), own.clock.instant());
            for (int i = 0; i < 2; i++) {
                state = own.states.complete(own.states.start(state, startBy("w")),
                        new SyncCompletion("c", SyncCounts.ZERO, own.clock.instant()));
            }
            own.states.start(state, startBy("w"));
            own.clock.advance(Duration.ofDays(8));

            int first = own.runs.pruneStartedBefore(own.clock.instant().minus(Duration.ofDays(7)), 1);
            int rest = own.runs.pruneStartedBefore(own.clock.instant().minus(Duration.ofDays(7)), 100);

            assertThat(first).isEqualTo(1);
            assertThat(rest).isEqualTo(1);
            assertThat(own.runs.recent(key, 10)).extracting(SyncRun::outcome)
                    .containsExactly(SyncRunOutcome.RUNNING);
        }
    }

    private long itemCount(String id) {
        return ledger.jdbc.sql("SELECT count(*) FROM synced_item WHERE id = ?").param(id).query(Long.class).single();
    }
}
