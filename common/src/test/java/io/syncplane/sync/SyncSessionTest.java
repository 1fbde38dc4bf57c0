package io.syncplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncFailure;
import io.syncplane.ledger.SyncStart;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.store.ItemWrite;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncSessionTest {

    private PostgresLedger ledger;
    private final AtomicBoolean stop = new AtomicBoolean();

    @BeforeEach
    void setUp() {
        ledger = PostgresLedger.create();
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void pages_accumulate_counts_and_completion_commits_the_cursor_and_schedules_the_next_poll() {
        SyncSession session = session(started());

        session.commitPage(() -> new ItemWrite(10, 0, 0, 0), SyncCheckpoint.of("list", "p2", SyncCounts.ZERO));
        session.commitPage(() -> new ItemWrite(5, 1, 0, 3), SyncCheckpoint.of("list", "p3", SyncCounts.ZERO));
        SyncState done = session.complete(() -> new ItemWrite(0, 0, 2, 0), "cursor-9");

        assertThat(done.status()).isEqualTo(SyncStatus.IDLE);
        assertThat(done.cursor()).isEqualTo("cursor-9");
        assertThat(done.itemsLastRun()).isEqualTo(18);
        assertThat(done.nextSyncAt()).isEqualTo(ledger.clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void a_page_whose_write_fails_leaves_the_checkpoint_and_counts_where_they_were() {
        SyncSession session = session(started());
        session.commitPage(() -> new ItemWrite(1, 0, 0, 0), SyncCheckpoint.of("list", "p2", SyncCounts.ZERO));

        assertThatThrownBy(() -> session.commitPage(() -> {
            throw new IllegalStateException("write failed");
        }, SyncCheckpoint.of("list", "p3", SyncCounts.ZERO))).hasMessage("write failed");

        assertThat(session.counts()).isEqualTo(new SyncCounts(1, 0, 0));
        assertThat(ledger.states.get(session.state().key()).checkpoint().pageToken()).isEqualTo("p2");
    }

    @Test
    void a_resumed_run_continues_from_the_interrupted_runs_checkpoint_and_counts() {
        SyncSession first = session(started());
        first.commitPage(() -> new ItemWrite(7, 0, 0, 0), SyncCheckpoint.of("list", "p2", SyncCounts.ZERO));
        SyncState failed = ledger.states.fail(first.state(), new SyncFailure("crash", ledger.clock.instant()));

        SyncSession resumed = session(ledger.states.start(failed, start()));

        assertThat(resumed.resumeFrom()).get().extracting(SyncCheckpoint::pageToken).isEqualTo("p2");
        assertThat(resumed.counts()).isEqualTo(new SyncCounts(7, 0, 0));
    }

    @Test
    void a_stop_request_surfaces_between_pages() {
        SyncSession session = session(started());
        session.stopIfRequested();
        stop.set(true);

        assertThatThrownBy(session::stopIfRequested).isInstanceOf(SyncStoppedException.class);
    }

    private SyncSession session(SyncState state) {
        return new SyncSession(state, ledger.states, ledger.transactions, ledger.clock, Duration.ofMinutes(5),
                stop::get);
    }

    private SyncState started() {
        GoogleConnection connection = ledger.newConnection();
        SyncState registered = ledger.states.register(new SyncKey(connection.id(), Source.GMAIL), connection.userId(),
                ledger.clock.instant());
        return ledger.states.start(registered, start());
    }

    private SyncStart start() {
        return new SyncStart("w", SyncTrigger.MANUAL, ledger.clock.instant().plusSeconds(60));
    }
}
