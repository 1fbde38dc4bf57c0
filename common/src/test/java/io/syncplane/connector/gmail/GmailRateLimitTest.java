package io.syncplane.connector.gmail;

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
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gmail's per-user quota, shrunk to 100 units per second on an emulator clock that only moves when the test says so:
 * a sync runs into the limit inside a batch of metadata gets, at a point known in advance.
 */
class GmailRateLimitTest {

    private static final int UNITS_PER_SECOND = 100;

    private final SettableClock googleTime = SettableClock.at("2026-03-01T09:00:00.250Z");
    private ConnectorHarness harness;
    private EmulatorAdmin admin;
    private GmailSyncJob job;

    @BeforeEach
    void setUp() {
        harness = new ConnectorHarness(b -> b.users(1).messagesPerUser(40).clock(googleTime)
                .quotas(QuotaSettings.defaults().withGmailUnitsPerSecond(UNITS_PER_SECOND)));
        admin = harness.emulator.admin();
        job = new GmailSyncJob(harness.clients, harness.items, harness.sweep, harness.ledger.clock,
                GmailSyncSettings.defaults().withPageSize(10).withBatchSize(10),
                GmailQuotaPacer.sleeping(200, Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void a_rate_limit_inside_a_batch_ends_the_run_rate_limited_until_gmails_retry_time() {
        Linked user = harness.link(1);

        Run run = harness.sync(job, user.key(Source.GMAIL));

        Instant gmailsRetryTime = Instant.parse("2026-03-01T09:00:01Z");
        assertThat(run.error()).isInstanceOf(RateLimitedException.class);
        assertThat(run.state().status()).isEqualTo(SyncStatus.RATE_LIMITED);
        assertThat(run.state().nextSyncAt()).isEqualTo(gmailsRetryTime);
        assertThat(run.state().rateLimitedUntil()).isEqualTo(gmailsRetryTime);
        assertThat(run.state().lastError()).contains("403").contains("rateLimitExceeded");
        assertThat(run.state().consecutiveErrors()).as("being throttled is not a failure").isZero();
        assertThat(run.state().checkpoint().counts()).as("page one committed, page two not")
                .isEqualTo(new SyncCounts(10, 0, 0));
        // profile 1 + list 5 + 10 gets x 5 + list 5 + 7 gets x 5 = 96 units; gets 8 to 10 of that batch are refused
        ApiCounts counts = admin.requestCounts(user.email(), Api.GMAIL);
        assertThat(counts.units()).isEqualTo(96).isLessThanOrEqualTo(UNITS_PER_SECOND);
        assertThat(counts.throttled()).isEqualTo(3);
        assertThat(counts.requests()).as("nothing asked after the refused batch").isEqualTo(1 + 1 + 10 + 1 + 10);
    }

    @Test
    void runs_that_wait_for_gmails_retry_time_resume_from_their_checkpoints_and_converge() {
        Linked user = harness.link(1);
        Run run = harness.sync(job, user.key(Source.GMAIL));
        int runs = 1;
        while (run.state().status() == SyncStatus.RATE_LIMITED && runs < 10) {
            long throttledBefore = admin.requestCounts(user.email(), Api.GMAIL).throttled();
            googleTime.set(run.state().nextSyncAt());
            run = harness.sync(job, user.key(Source.GMAIL));
            runs++;
            long throttledThisRun = admin.requestCounts(user.email(), Api.GMAIL).throttled() - throttledBefore;
            assertThat(throttledThisRun).as("only the rest of one batch is refused").isLessThan(10);
        }

        assertThat(run.completed()).as("%s", run.error()).isTrue();
        assertThat(runs).isGreaterThan(2);
        assertThat(run.state().itemsLastRun()).isEqualTo(40);
        assertThat(new StoredMessages(harness.ledger).live(user.connectionId()))
                .isEqualTo(StoredMessages.expected(admin.groundTruth(user.email())));
    }
}
