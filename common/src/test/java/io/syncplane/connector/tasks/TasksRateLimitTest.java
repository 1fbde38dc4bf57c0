package io.syncplane.connector.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.domain.Source;
import io.syncplane.emulator.SettableClock;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.quota.ApiCounts;
import io.syncplane.emulator.quota.QuotaSettings;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.sync.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tasks' per-user limit, answered the older way (403 usageLimits/userRateLimitExceeded, no retry time): the run ends
 * rate limited for the fallback minute, keeps what it committed, and the next run continues from there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksRateLimitTest {

    private static final int PAGE = 4;

    private final SettableClock google = SettableClock.at("2026-03-01T09:00:00Z");
    private final ConnectorHarness harness = new ConnectorHarness(b -> b.users(1).tasksPerUser(25).clock(google)
            .quotas(QuotaSettings.defaults().withTasksRequestsPerMinute(4)));

    @AfterAll
    void close() {
        harness.close();
    }

    @Test
    void a_403_user_rate_limit_mid_sync_ends_the_run_rate_limited_and_the_next_run_reads_only_the_rest() {
        ConnectorHarness.Linked user = harness.link(1);
        StoredTasks stored = new StoredTasks(harness, user);
        TasksSyncJob job = new TasksSyncJob(harness.clients, harness.items, harness.sweep,
                new StoredTaskLists(harness.ledger.jdbc), google,
                TasksConnectorProperties.defaults().withPageSizes(PAGE, 100));
        int pages = stored.lists().stream().mapToInt(l -> Math.max(1, (l.tasks().size() + PAGE - 1) / PAGE)).sum();
        assertThat(pages).as("enough pages to run into the limit").isGreaterThan(3);
        Instant now = google.instant();

        ConnectorHarness.Run throttled = harness.sync(job, user.key(Source.TASKS));

        assertThat(throttled.error()).isInstanceOf(RateLimitedException.class);
        assertThat(throttled.state().status()).isEqualTo(SyncStatus.RATE_LIMITED);
        assertThat(throttled.state().nextSyncAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(throttled.state().consecutiveErrors()).isZero();
        assertThat(throttled.state().lastError()).contains("403").contains("userRateLimitExceeded");
        ApiCounts counts = harness.emulator.admin().requestCounts(user.email(), Api.TASKS);
        assertThat(counts.requests()).as("the lists, three pages, one throttled").isEqualTo(5);
        assertThat(counts.throttled()).isEqualTo(1);
        assertThat(throttled.state().checkpoint()).isNotNull();
        long committed = throttled.state().checkpoint().counts().added();
        assertThat(stored.live()).hasSize((int) committed);

        google.advance(Duration.ofMinutes(1));
        harness.emulator.admin().quotas(QuotaSettings.defaults());
        ConnectorHarness.Run later = harness.sync(job, user.key(Source.TASKS));

        assertThat(later.completed()).isTrue();
        assertThat(harness.emulator.admin().requestCounts(user.email(), Api.TASKS).requests() - 5)
                .as("the lists again, then the pages not yet read").isEqualTo(1 + pages - 3);
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }
}
