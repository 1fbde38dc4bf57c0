package io.syncplane.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.persistence.PostgresLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresSyncStateScannerTest {

    private PostgresLedger ledger;

    @BeforeEach
    void createLedger() {
        ledger = PostgresLedger.create();
    }

    @AfterEach
    void dropLedger() {
        ledger.close();
    }

    @Test
    void due_finds_what_is_due_and_not_running_earliest_first() {
        SyncState dueIdle = register(Source.GMAIL, now().minusSeconds(30));
        SyncState dueLater = register(Source.CALENDAR, now().minusSeconds(10));
        register(Source.CONTACTS, now().plusSeconds(60)); // not yet due
        SyncState running = ledger.states.start(register(Source.TASKS, now().minusSeconds(50)), start());
        SyncState errored = ledger.states.fail(ledger.states.start(register(Source.GMAIL, now()), start()),
                new SyncFailure("boom", now().minusSeconds(20)));
        ledger.states.requireReauthorization(register(Source.CALENDAR, now().minusSeconds(40)), "invalid_grant");
        ledger.states.disable(register(Source.CONTACTS, now().minusSeconds(40)), "removed");

        ScanPage page = ledger.scanner.due(now(), ScanPosition.start(), 100);

        assertThat(page.rows()).extracting(SyncState::id).containsExactly(dueIdle.id(), errored.id(), dueLater.id());
        assertThat(page.rows()).extracting(SyncState::id).doesNotContain(running.id());
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void paging_through_due_rows_visits_each_exactly_once_even_with_equal_due_times() {
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(register(Source.values()[i % 4], now().minusSeconds(i % 3)).id());
        }

        List<Long> seen = new ArrayList<>();
        ScanPosition position = ScanPosition.start();
        int pages = 0;
        while (true) {
            ScanPage page = ledger.scanner.due(now(), position, 7);
            page.rows().forEach(row -> seen.add(row.id()));
            pages++;
            if (!page.hasNext()) {
                break;
            }
            position = page.next().orElseThrow();
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void interrupted_finds_running_syncs_whose_lease_expired() {
        SyncState expired = ledger.states.start(register(Source.GMAIL, now()),
                new SyncStart("dead-worker", SyncTrigger.SCHEDULE, now().plusSeconds(30)));
        SyncState alive = ledger.states.start(register(Source.CALENDAR, now()),
                new SyncStart("live-worker", SyncTrigger.SCHEDULE, now().plusSeconds(300)));
        register(Source.TASKS, now());
        ledger.clock.advance(Duration.ofSeconds(60));

        ScanPage page = ledger.scanner.interrupted(now(), ScanPosition.start(), 10);

        assertThat(page.rows()).extracting(SyncState::id).containsExactly(expired.id());
        assertThat(page.rows()).extracting(SyncState::id).doesNotContain(alive.id());
    }

    @Test
    void stale_finds_syncs_without_a_recent_success_including_those_that_never_succeeded() {
        SyncState neverSucceeded = register(Source.GMAIL, now());
        SyncState succeededLongAgo = complete(register(Source.CALENDAR, now()));
        ledger.clock.advance(Duration.ofHours(2));
        complete(register(Source.CONTACTS, now())); // fresh
        ledger.states.disable(register(Source.TASKS, now()), "removed");
        ledger.clock.advance(Duration.ofHours(2));

        ScanPage page = ledger.scanner.stale(now().minus(Duration.ofHours(3)), ScanPosition.start(), 10);

        assertThat(page.rows()).extracting(SyncState::id)
                .containsExactlyInAnyOrder(neverSucceeded.id(), succeededLongAgo.id());
    }

    private SyncState complete(SyncState state) {
        return ledger.states.complete(ledger.states.start(state, start()),
                new SyncCompletion("c", SyncCounts.ZERO, now().plus(Duration.ofDays(1))));
    }

    private SyncState register(Source source, Instant due) {
        GoogleConnection connection = ledger.newConnection();
        return ledger.states.register(new SyncKey(connection.id(), source), connection.userId(), due);
    }

    private SyncStart start() {
        return new SyncStart("worker", SyncTrigger.SCHEDULE, now().plusSeconds(120));
    }

    private Instant now() {
        return ledger.clock.instant();
    }
}
