package io.syncplane.worker.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.push.PushChannel;
import io.syncplane.push.PushProperties;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RenewalPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final RenewalPolicy policy = new RenewalPolicy(PushProperties.disabled());

    @Test
    void gmail_is_due_once_a_day_old_or_with_less_than_a_day_left() {
        assertThat(policy.gmailDue(channel(Source.GMAIL, NOW.minus(Duration.ofHours(23)), NOW.plus(Duration.ofDays(6))),
                NOW)).isFalse();
        assertThat(policy.gmailDue(channel(Source.GMAIL, NOW.minus(Duration.ofHours(24)), NOW.plus(Duration.ofDays(6))),
                NOW)).isTrue();
        assertThat(policy.gmailDue(channel(Source.GMAIL, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(23))),
                NOW)).isTrue();
    }

    @Test
    void calendar_is_due_only_with_less_than_a_day_left() {
        assertThat(policy.calendarDue(channel(Source.CALENDAR, NOW.minus(Duration.ofDays(5)),
                NOW.plus(Duration.ofHours(25))), NOW)).isFalse();
        assertThat(policy.calendarDue(channel(Source.CALENDAR, NOW.minus(Duration.ofDays(6)),
                NOW.plus(Duration.ofHours(24))), NOW)).isTrue();
    }

    @Test
    void the_scan_cutoffs_match_the_decisions() {
        PushChannel dayOld = channel(Source.GMAIL, NOW.minus(Duration.ofHours(24)), NOW.plus(Duration.ofDays(6)));
        assertThat(dayOld.createdAt()).isBefore(policy.gmailWatchedBefore(NOW));
        PushChannel almostDayOld = channel(Source.GMAIL, NOW.minus(Duration.ofHours(24)).plusMillis(1),
                NOW.plus(Duration.ofDays(6)));
        assertThat(almostDayOld.createdAt()).isAfterOrEqualTo(policy.gmailWatchedBefore(NOW));
        assertThat(policy.expiryCutoff(NOW)).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    private static PushChannel channel(Source source, Instant created, Instant expires) {
        return new PushChannel(1, 1, 1, source, "c", null, null, null, expires, PushChannel.Status.ACTIVE, created,
                null, null, null);
    }
}
