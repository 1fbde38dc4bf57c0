package io.syncplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncStart;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.store.ItemWrite;
import io.syncplane.sync.SyncSession;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger-wide figures behind the cluster gauges, against a real ledger. */
class LedgerGaugesTest {

    private PostgresLedger ledger;
    private LedgerGauges gauges;

    @BeforeEach
    void createLedger() {
        ledger = PostgresLedger.create();
        gauges = new LedgerGauges(ledger.jdbc, ledger.transactions, null);
    }

    @AfterEach
    void dropLedger() {
        ledger.close();
    }

    @Test
    void a_stall_is_the_longest_lack_of_progress_per_source_not_the_longest_run() {
        Instant t0 = ledger.clock.instant();
        register(Source.GMAIL, t0.minusSeconds(30)); // due for 30 s, not started
        register(Source.GMAIL, t0.plusSeconds(600)); // not due: no stall
        SyncState calendar = ledger.states.start(register(Source.CALENDAR, t0), start());
        register(Source.TASKS, t0.plusSeconds(600));

        assertThat(gauges.read(t0.plusSeconds(100)).stalled())
                .containsEntry(Source.GMAIL, Duration.ofSeconds(130))
                .containsEntry(Source.CALENDAR, Duration.ofSeconds(100))
                .containsEntry(Source.CONTACTS, Duration.ZERO)
                .containsEntry(Source.TASKS, Duration.ZERO);

        ledger.clock.advance(Duration.ofSeconds(90));
        ledger.states.checkpoint(calendar, SyncCheckpoint.of("full", "page-2", SyncCounts.ZERO));
        assertThat(gauges.read(t0.plusSeconds(100)).stalled())
                .as("a checkpoint is progress: the stall restarts from it")
                .containsEntry(Source.CALENDAR, Duration.ofSeconds(10));
    }

    @Test
    void a_resync_whose_pages_change_nothing_is_progressing_not_stalled() {
        Instant t0 = ledger.clock.instant();
        SyncState running = ledger.states.start(register(Source.CONTACTS, t0), start());
        SyncSession session = new SyncSession(running, ledger.states, ledger.transactions, ledger.clock,
                Duration.ofMinutes(5), () -> false);

        ledger.clock.advance(Duration.ofSeconds(300));
        session.commitPage(() -> new ItemWrite(0, 0, 0, 50), SyncCheckpoint.of("full", "page-2", SyncCounts.ZERO));

        assertThat(gauges.read(t0.plusSeconds(310)).stalled()).containsEntry(Source.CONTACTS, Duration.ofSeconds(10));
        SyncCheckpoint committed = ledger.states.get(running.key()).checkpoint();
        assertThat(committed.counts()).isEqualTo(SyncCounts.ZERO);
        assertThat(committed.examined()).isEqualTo(50);
    }

    @Test
    void states_are_counted_per_source_and_status_with_zeros_for_the_rest() {
        Instant t0 = ledger.clock.instant();
        register(Source.GMAIL, t0);
        register(Source.GMAIL, t0);
        ledger.states.requireReauthorization(register(Source.TASKS, t0), "invalid_grant");

        var states = gauges.read(t0).states();
        assertThat(states.get(Source.GMAIL)).containsEntry(SyncStatus.IDLE, 2L).containsEntry(SyncStatus.SYNCING, 0L);
        assertThat(states.get(Source.TASKS)).containsEntry(SyncStatus.NEEDS_REAUTH, 1L);
        assertThat(states.get(Source.CONTACTS).values()).containsOnly(0L);
    }

    private SyncState register(Source source, Instant due) {
        GoogleConnection connection = ledger.newConnection();
        return ledger.states.register(new SyncKey(connection.id(), source), connection.userId(), due);
    }

    private SyncStart start() {
        return new SyncStart("worker", SyncTrigger.SCHEDULE, ledger.clock.instant().plusSeconds(120));
    }
}
