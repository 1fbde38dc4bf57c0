package io.syncplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.SkippedSoFar;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncFailure;
import io.syncplane.ledger.SyncRun;
import io.syncplane.ledger.SyncStart;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.store.ItemWrite;
import java.time.Duration;
import java.util.List;
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
    void what_a_run_examined_and_skipped_travels_with_its_checkpoints_into_the_attempt_that_completes_it() {
        SyncSession first = session(started());
        first.skip(new SkippedSoFar.Item("m7", "contains NUL characters"));
        first.commitPage(() -> new ItemWrite(0, 0, 0, 10), SyncCheckpoint.of("list", "p2", SyncCounts.ZERO));
        first.skip(new SkippedSoFar.Item("m9", "lost with its page"));
        assertThatThrownBy(() -> first.commitPage(() -> {
            throw new IllegalStateException("the worker died here");
        }, SyncCheckpoint.of("list", "p3", SyncCounts.ZERO))).isInstanceOf(IllegalStateException.class);
        long firstRun = first.state().currentRunId();
        SyncState failed = ledger.states.fail(first.state(), new SyncFailure("crash", ledger.clock.instant()));
        assertThat(ledger.runs.find(firstRun).orElseThrow().examined()).isEqualTo(10);

        SyncState reread = ledger.states.get(failed.key());
        assertThat(reread.checkpoint().skipped()).isEqualTo(failed.checkpoint().skipped());
        SyncSession resumed = session(ledger.states.start(reread, start()));

        assertThat(resumed.examined()).isEqualTo(10);
        assertThat(resumed.skipped()).as("what the committed page skipped; the rolled-back page is read again")
                .isEqualTo(new SkippedSoFar(1, List.of(new SkippedSoFar.Item("m7", "contains NUL characters"))));
        long runId = resumed.state().currentRunId();
        SyncState done = resumed.finish(() -> new SyncSession.FinalPage(new ItemWrite(1, 0, 0, 4),
                "skipped " + resumed.skipped().count() + " item"), "cursor-1");

        SyncRun run = ledger.runs.find(runId).orElseThrow();
        assertThat(run.counts()).isEqualTo(new SyncCounts(1, 0, 0));
        assertThat(run.examined()).isEqualTo(15);
        assertThat(run.error()).as("a success keeps its warning in the run log").isEqualTo("skipped 1 item");
        assertThat(done.lastError()).isEqualTo("skipped 1 item");
        assertThat(done.itemsLastRun()).as("what changed").isEqualTo(1);
    }

    @Test
    void a_cleared_cursor_starts_counting_and_skipping_afresh_for_the_full_sync() {
        SyncSession session = session(started());
        session.skip(new SkippedSoFar.Item("h1", "bad"));
        session.commitPage(() -> new ItemWrite(0, 2, 0, 3), SyncCheckpoint.of("history", "p2", SyncCounts.ZERO));

        session.clearCursor("expired");

        assertThat(session.examined()).isZero();
        assertThat(session.skipped()).isEqualTo(SkippedSoFar.NONE);
        assertThat(session.counts()).isEqualTo(SyncCounts.ZERO);
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
