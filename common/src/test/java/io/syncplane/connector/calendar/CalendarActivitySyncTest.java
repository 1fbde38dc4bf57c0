package io.syncplane.connector.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.domain.Source;
import io.syncplane.emulator.admin.EmulatorAdmin;
import org.junit.jupiter.api.Test;

/**
 * The emulator's random activity (new events and series, renames, moved and cancelled occurrences, deletions, in
 * every readable calendar) between incremental syncs: after each sync the copy equals the ground truth, and a resync
 * after every token expired still does.
 */
class CalendarActivitySyncTest {

    @Test
    void the_copy_follows_random_changes_in_every_calendar() throws InterruptedException {
        try (ConnectorHarness harness = new ConnectorHarness(b -> b.users(1).eventsPerUser(12).calendarsPerUser(5)
                .recurringPerCalendar(2).messagesPerUser(1).quotasEnabled(false))) {
            EmulatorAdmin admin = harness.emulator.admin();
            StoredEvents stored = new StoredEvents(harness.ledger);
            CalendarSyncJob job = new CalendarSyncJob(harness.clients, harness.items, harness.sweep,
                    harness.ledger.clock, CalendarSyncSettings.defaults().withPageSize(5));
            Linked user = harness.link(1);
            assertThat(harness.sync(job, user.key(Source.CALENDAR)).completed()).isTrue();
            long changedRows = 0;
            for (int round = 0; round < 4; round++) {
                long mutationsBefore = admin.activityMutations();
                admin.activityRate(400);
                Thread.sleep(300);
                admin.activityRate(0);
                assertThat(admin.activityMutations()).isGreaterThan(mutationsBefore);

                Run run = harness.sync(job, user.key(Source.CALENDAR));

                assertThat(run.completed()).as("round %d: %s", round, run.error()).isTrue();
                assertThat(stored.live(user.connectionId())).as("round %d", round)
                        .isEqualTo(StoredEvents.expected(admin.groundTruth(user.email())));
                changedRows += run.state().itemsLastRun();
            }
            assertThat(changedRows).as("the activity reached the calendars").isPositive();

            admin.expireCursors(user.email());
            Run resync = harness.sync(job, user.key(Source.CALENDAR));

            assertThat(resync.completed()).as("%s", resync.error()).isTrue();
            assertThat(resync.state().lastError()).isNull();
            assertThat(stored.live(user.connectionId()))
                    .isEqualTo(StoredEvents.expected(admin.groundTruth(user.email())));
        }
    }
}
