package io.syncplane.connector.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.connector.ConnectorHarness.Run;
import io.syncplane.domain.Source;
import io.syncplane.emulator.SettableClock;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.quota.ApiCounts;
import io.syncplane.emulator.quota.QuotaSettings;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.sync.RateLimitedException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calendar's per-user quota, shrunk to 3 requests a minute on an emulator clock that only moves when the test says
 * so. Calendar's 403 userRateLimitExceeded names no retry time, so the connector waits its fallback (a minute, the
 * quota's window).
 */
class CalendarRateLimitTest {

    private final SettableClock googleTime = SettableClock.at("2026-03-01T09:00:10Z");
    private ConnectorHarness harness;
    private EmulatorAdmin admin;
    private CalendarSyncJob job;

    @BeforeEach
    void setUp() {
        harness = new ConnectorHarness(b -> b.users(1).eventsPerUser(30).messagesPerUser(1).clock(googleTime)
                .quotas(QuotaSettings.defaults().withCalendarRequestsPerMinute(4)));
        admin = harness.emulator.admin();
        job = new CalendarSyncJob(harness.clients, harness.items, harness.sweep, harness.ledger.clock,
                CalendarSyncSettings.defaults().withPageSize(7));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void a_rate_limited_page_ends_the_run_rate_limited_and_the_next_run_resumes_after_the_wait() {
        Linked user = harness.link(1);

        Run limited = harness.sync(job, user.key(Source.CALENDAR));

        assertThat(limited.error()).isInstanceOf(RateLimitedException.class);
        assertThat(limited.state().status()).isEqualTo(SyncStatus.RATE_LIMITED);
        assertThat(limited.state().nextSyncAt()).isEqualTo(harness.ledger.clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(limited.state().lastError()).contains("403").contains("userRateLimitExceeded");
        assertThat(limited.state().checkpoint().counts()).isEqualTo(new SyncCounts(21, 0, 0));
        ApiCounts counts = admin.requestCounts(user.email(), Api.CALENDAR);
        assertThat(counts.requests()).as("the calendar list, three pages, then the refused fourth page and nothing "
                + "after it").isEqualTo(5);
        assertThat(counts.throttled()).isEqualTo(1);

        googleTime.advance(Duration.ofMinutes(1));
        Run resumed = harness.sync(job, user.key(Source.CALENDAR));

        assertThat(resumed.completed()).as("%s", resumed.error()).isTrue();
        assertThat(resumed.state().itemsLastRun()).isEqualTo(30);
        assertThat(admin.requestCounts(user.email(), Api.CALENDAR).requests())
                .as("the calendar list again, pages four and five").isEqualTo(8);
        assertThat(new StoredEvents(harness.ledger).live(user.connectionId()))
                .isEqualTo(StoredEvents.expected(admin.groundTruth(user.email())));
    }
}
