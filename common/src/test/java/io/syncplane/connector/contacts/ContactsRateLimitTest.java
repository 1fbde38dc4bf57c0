package io.syncplane.connector.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.connector.ConnectorHarness;
import io.syncplane.domain.Source;
import io.syncplane.emulator.SettableClock;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.quota.ApiCounts;
import io.syncplane.emulator.quota.QuotaSettings;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.sync.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * People's quotas, answered as Google answers them (429 RESOURCE_EXHAUSTED): the run ends rate limited until
 * Google's retry time, or a minute when it names none, and the next run continues where the throttled one stopped.
 * The emulator's clock stands still, so its per-minute windows move only when a test moves them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsRateLimitTest {

    private static final int CONTACTS = 30;
    private static final int PAGE = 7;
    private static final int PAGES = 5;

    private final SettableClock google = SettableClock.at("2026-03-01T09:00:00Z");
    private final ConnectorHarness harness = new ConnectorHarness(b -> b.users(4).contactsPerUser(CONTACTS)
            .clock(google));
    private final AtomicInteger users = new AtomicInteger();

    private ConnectorHarness.Linked user;
    private StoredContacts stored;

    @BeforeEach
    void linkAUserOfItsOwn() {
        user = harness.link(users.incrementAndGet());
        stored = new StoredContacts(harness, user);
    }

    @AfterEach
    void defaultQuotas() {
        harness.emulator.admin().quotas(QuotaSettings.defaults());
    }

    @AfterAll
    void close() {
        harness.close();
    }

    @Test
    void the_first_page_of_a_full_sync_over_its_own_quota_ends_the_run_rate_limited_for_a_minute() {
        harness.emulator.admin().quotas(QuotaSettings.defaults().withPeopleFullSyncPerMinute(1));
        ContactsSyncJob job = job(harness.clients);
        assertThat(harness.sync(job, key()).completed()).isTrue();
        harness.ledger.states.forceFullResync(harness.state(user, Source.CONTACTS), "operator");
        Instant now = harness.ledger.clock.instant();

        ConnectorHarness.Run throttled = harness.sync(job, key());

        assertThat(throttled.error()).isInstanceOf(RateLimitedException.class);
        assertThat(throttled.state().status()).isEqualTo(SyncStatus.RATE_LIMITED);
        assertThat(throttled.state().rateLimitedUntil()).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(throttled.state().nextSyncAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(throttled.state().consecutiveErrors()).isZero();
        assertThat(throttled.state().lastError()).contains("429");
        ApiCounts counts = harness.emulator.admin().requestCounts(user.email(), Api.PEOPLE);
        assertThat(counts.requests()).as("one full sync, then one throttled first page").isEqualTo(PAGES + 1);
        assertThat(counts.throttled()).isEqualTo(1);

        google.advance(Duration.ofMinutes(1));
        ConnectorHarness.Run later = harness.sync(job, key());

        assertThat(later.completed()).isTrue();
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void a_read_quota_hit_mid_sync_keeps_the_committed_pages_and_the_next_run_reads_only_the_rest() {
        harness.emulator.admin().quotas(QuotaSettings.defaults().withPeopleRequestsPerMinute(3));
        ContactsSyncJob job = job(harness.clients);

        ConnectorHarness.Run throttled = harness.sync(job, key());

        assertThat(throttled.state().status()).isEqualTo(SyncStatus.RATE_LIMITED);
        assertThat(throttled.state().checkpoint().counts()).isEqualTo(new SyncCounts(3 * PAGE, 0, 0));
        assertThat(stored.live()).hasSize(3 * PAGE);

        google.advance(Duration.ofMinutes(1));
        ConnectorHarness.Run later = harness.sync(job, key());

        assertThat(later.completed()).isTrue();
        ApiCounts counts = harness.emulator.admin().requestCounts(user.email(), Api.PEOPLE);
        assertThat(counts.requests()).as("three pages, a throttled fourth, then the fourth and fifth")
                .isEqualTo(PAGES + 1);
        assertThat(harness.ledger.runs.recent(key(), 1).get(0).counts()).isEqualTo(new SyncCounts(CONTACTS, 0, 0));
        assertThat(stored.live()).isEqualTo(stored.groundTruth());
    }

    @Test
    void a_retry_after_header_on_the_429_is_honoured_over_the_fallback() {
        harness.emulator.admin().quotas(QuotaSettings.defaults().withPeopleFullSyncPerMinute(1));
        ContactsSyncJob job = job(AlteredAnswers.clients(harness,
                AlteredAnswers.header("people/me/connections", 429, "Retry-After", "120")));
        assertThat(harness.sync(job, key()).completed()).isTrue();
        harness.ledger.states.forceFullResync(harness.state(user, Source.CONTACTS), "operator");
        Instant now = harness.ledger.clock.instant();

        ConnectorHarness.Run throttled = harness.sync(job, key());

        assertThat(throttled.state().status()).isEqualTo(SyncStatus.RATE_LIMITED);
        assertThat(throttled.state().nextSyncAt()).isEqualTo(now.plusSeconds(120));
    }

    private ContactsSyncJob job(io.syncplane.google.GoogleClients clients) {
        return new ContactsSyncJob(clients, harness.items, harness.sweep, harness.ledger.clock,
                ContactsConnectorProperties.defaults().withPageSize(PAGE));
    }

    private io.syncplane.domain.SyncKey key() {
        return user.key(Source.CONTACTS);
    }
}
