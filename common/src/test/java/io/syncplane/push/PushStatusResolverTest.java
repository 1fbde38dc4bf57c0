package io.syncplane.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushStatusResolverTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final PushProperties ON = new PushProperties(true, "projects/p/topics/t", null,
            URI.create("https://hooks.example.test/webhooks/google/calendar"), null, null, null, null, null, null,
            null);
    private final PushStatusResolver resolver = new PushStatusResolver(ON);

    @Test
    void contacts_and_tasks_are_polled_only() {
        assertThat(resolver.resolve(state(Source.CONTACTS, SyncStatus.IDLE, null, 0), List.of(), NOW))
                .isEqualTo(PushStatus.POLLED_ONLY);
        assertThat(resolver.resolve(state(Source.TASKS, SyncStatus.IDLE, null, 0), List.of(), NOW))
                .isEqualTo(PushStatus.POLLED_ONLY);
    }

    @Test
    void with_push_switched_off_everything_is_polled_only() {
        PushStatusResolver off = new PushStatusResolver(PushProperties.disabled());
        assertThat(off.resolve(state(Source.GMAIL, SyncStatus.IDLE, null, 0), List.of(), NOW))
                .isEqualTo(PushStatus.POLLED_ONLY);
    }

    @Test
    void needs_reauth_and_disabled_are_disconnected_even_with_a_channel() {
        List<PushChannel> live = List.of(channel(Source.GMAIL, NOW.minusSeconds(60), null, NOW.plus(Duration.ofDays(1))));
        assertThat(resolver.resolve(state(Source.GMAIL, SyncStatus.NEEDS_REAUTH, null, 0), live, NOW))
                .isEqualTo(PushStatus.DISCONNECTED);
        assertThat(resolver.resolve(state(Source.GMAIL, SyncStatus.DISABLED, null, 0), live, NOW))
                .isEqualTo(PushStatus.DISCONNECTED);
    }

    @Test
    void no_channel_or_an_expired_one_is_degraded() {
        assertThat(resolver.resolve(state(Source.CALENDAR, SyncStatus.IDLE, null, 0), List.of(), NOW))
                .isEqualTo(PushStatus.DEGRADED);
        PushChannel expired = channel(Source.CALENDAR, NOW.minus(Duration.ofDays(8)), NOW.minusSeconds(5), NOW);
        assertThat(resolver.resolve(state(Source.CALENDAR, SyncStatus.IDLE, null, 0), List.of(expired), NOW))
                .isEqualTo(PushStatus.DEGRADED);
    }

    @Test
    void a_new_channel_or_a_recent_notification_is_active() {
        PushChannel fresh = channel(Source.GMAIL, NOW.minus(Duration.ofMinutes(2)), null, NOW.plus(Duration.ofDays(7)));
        assertThat(resolver.resolve(state(Source.GMAIL, SyncStatus.IDLE, NOW, 3), List.of(fresh), NOW))
                .isEqualTo(PushStatus.ACTIVE);
        PushChannel heard = channel(Source.GMAIL, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofMinutes(9)),
                NOW.plus(Duration.ofDays(5)));
        assertThat(resolver.resolve(state(Source.GMAIL, SyncStatus.IDLE, NOW, 3), List.of(heard), NOW))
                .isEqualTo(PushStatus.ACTIVE);
    }

    @Test
    void silence_is_degraded_only_when_polls_find_changes_push_did_not_announce() {
        PushChannel silent = channel(Source.GMAIL, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofHours(2)),
                NOW.plus(Duration.ofDays(5)));
        // a quiet mailbox: the last poll found nothing
        assertThat(resolver.resolve(state(Source.GMAIL, SyncStatus.IDLE, NOW.minusSeconds(30), 0), List.of(silent), NOW))
                .isEqualTo(PushStatus.ACTIVE);
        // a push-triggered sync right after the last notification found changes: push works
        assertThat(resolver.resolve(state(Source.GMAIL, SyncStatus.IDLE, NOW.minus(Duration.ofHours(2)).plusSeconds(2),
                4), List.of(silent), NOW)).isEqualTo(PushStatus.ACTIVE);
        // a poll long after the last notification found changes: they came without push
        assertThat(resolver.resolve(state(Source.GMAIL, SyncStatus.IDLE, NOW.minusSeconds(30), 4), List.of(silent), NOW))
                .isEqualTo(PushStatus.DEGRADED);
    }

    @Test
    void during_a_calendar_overlap_the_liveliest_channel_counts() {
        PushChannel old = channel(Source.CALENDAR, NOW.minus(Duration.ofDays(6)), NOW.minus(Duration.ofHours(3)),
                NOW.plus(Duration.ofHours(20)));
        PushChannel fresh = channel(Source.CALENDAR, NOW.minus(Duration.ofMinutes(1)), null, NOW.plus(Duration.ofDays(7)));
        assertThat(resolver.resolve(state(Source.CALENDAR, SyncStatus.IDLE, NOW.minusSeconds(10), 2),
                List.of(old, fresh), NOW)).isEqualTo(PushStatus.ACTIVE);
    }

    @Test
    void after_a_run_the_runs_own_findings_decide() {
        PushChannel silent = channel(Source.GMAIL, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofHours(2)),
                NOW.plus(Duration.ofDays(5)));
        // the previous run found changes, but this one (completing now) found none: a quiet mailbox, still active
        SyncState running = state(Source.GMAIL, SyncStatus.IDLE, NOW.minus(Duration.ofHours(1)), 7);
        assertThat(resolver.resolveAfterRun(running, SyncCounts.ZERO, List.of(silent), NOW))
                .isEqualTo(PushStatus.ACTIVE);
        assertThat(resolver.resolveAfterRun(running, new SyncCounts(1, 0, 0), List.of(silent), NOW))
                .isEqualTo(PushStatus.DEGRADED);
    }

    private static SyncState state(Source source, SyncStatus status, Instant lastSuccess, long itemsLastRun) {
        return new SyncState(1, new SyncKey(1, source), 1, status, "c", NOW, lastSuccess, lastSuccess, 0, null, null,
                null, itemsLastRun, itemsLastRun, null, null, null, false, null, NOW.minus(Duration.ofDays(30)), NOW,
                1);
    }

    private static PushChannel channel(Source source, Instant created, Instant lastNotification, Instant expires) {
        return new PushChannel(1, 1, 1, source, "c-" + created, null, null, null, expires, PushChannel.Status.ACTIVE,
                created, lastNotification, null, null);
    }
}
