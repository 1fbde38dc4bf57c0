package io.syncplane.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.api.status.StatusMapping.Assessment;
import io.syncplane.api.status.StatusMapping.Badge;
import io.syncplane.api.status.StatusMapping.ErrorKind;
import io.syncplane.api.sync.SourceStateView;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class StatusMappingTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final StatusMapping mapping = new StatusMapping();

    @Test
    void a_healthy_idle_source_is_active_with_no_problem() {
        Assessment a = mapping.assess("active", source("idle").build(), NOW);
        assertThat(a).isEqualTo(new Assessment(Badge.ACTIVE, null, false, false, true));
    }

    @Test
    void push_active_and_polled_only_sources_are_active() {
        assertThat(mapping.assess("active", source("idle").push("active").build(), NOW).badge())
                .isEqualTo(Badge.ACTIVE);
        assertThat(mapping.assess("active", source("idle").push("polled").build(), NOW).badge())
                .isEqualTo(Badge.ACTIVE);
    }

    @Test
    void push_degraded_is_degraded_with_the_polling_fallback_banner() {
        Assessment a = mapping.assess("active", source("idle").push("degraded").build(), NOW);
        assertThat(a.badge()).isEqualTo(Badge.DEGRADED);
        assertThat(a.problem()).isEqualTo(ErrorKind.POLLING_FALLBACK);
        assertThat(a.pollingFallback()).isTrue();
        assertThat(a.canSyncNow()).isTrue();
    }

    @Test
    void needing_reauthorisation_is_disconnected_with_a_reconnect_whether_the_source_or_the_connection_says_so() {
        for (Assessment a : new Assessment[] {
                mapping.assess("active", source("needs_reauth").push("disconnected").build(), NOW),
                mapping.assess("needs_reauth", source("idle").build(), NOW),
                mapping.assess("active", source("idle").push("disconnected").build(), NOW)}) {
            assertThat(a.badge()).isEqualTo(Badge.DISCONNECTED);
            assertThat(a.problem()).isEqualTo(ErrorKind.REAUTH_REQUIRED);
            assertThat(a.needsReconnect()).isTrue();
            assertThat(a.canSyncNow()).isFalse();
            assertThat(a.pollingFallback()).isFalse();
        }
    }

    @Test
    void disabled_and_removed_are_disconnected_without_a_reconnect() {
        Assessment disabled = mapping.assess("active", source("disabled").build(), NOW);
        assertThat(disabled.badge()).isEqualTo(Badge.DISCONNECTED);
        assertThat(disabled.problem()).isEqualTo(ErrorKind.DISABLED);
        assertThat(disabled.needsReconnect()).isFalse();
        Assessment removed = mapping.assess("removed", source("disabled").build(), NOW);
        assertThat(removed.problem()).isEqualTo(ErrorKind.REMOVED);
        assertThat(removed.needsReconnect()).isFalse();
    }

    @Test
    void rate_limited_is_degraded_by_status_or_by_a_rate_limit_still_running() {
        assertThat(mapping.assess("active", source("rate_limited").build(), NOW))
                .isEqualTo(new Assessment(Badge.DEGRADED, ErrorKind.RATE_LIMITED, false, false, true));
        Assessment stillLimited = mapping.assess("active",
                source("idle").rateLimitedUntil(NOW.plusSeconds(30)).build(), NOW);
        assertThat(stillLimited.problem()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(mapping.assess("active", source("idle").rateLimitedUntil(NOW.minusSeconds(1)).build(), NOW)
                .badge()).isEqualTo(Badge.ACTIVE);
    }

    @Test
    void a_failing_source_is_degraded_and_its_error_is_put_in_words() {
        Assessment a = mapping.assess("active",
                source("error").lastError("HTTP 503 backendError: The service is currently unavailable.").build(), NOW);
        assertThat(a.badge()).isEqualTo(Badge.DEGRADED);
        assertThat(a.problem()).isEqualTo(ErrorKind.GOOGLE_UNAVAILABLE);
        // push degraded at the same time: the error is what the badge explains, the banner still shows
        Assessment both = mapping.assess("active", source("error").lastError("HTTP 500 backendError: Backend Error")
                .push("degraded").build(), NOW);
        assertThat(both.problem()).isEqualTo(ErrorKind.GOOGLE_UNAVAILABLE);
        assertThat(both.pollingFallback()).isTrue();
    }

    @Test
    void a_run_whose_lease_expired_or_that_has_not_checkpointed_for_long_is_stalled() {
        Assessment leaseGone = mapping.assess("active",
                source("syncing").running(NOW.minusSeconds(5), NOW.minusSeconds(30)).build(), NOW);
        assertThat(leaseGone.badge()).isEqualTo(Badge.DEGRADED);
        assertThat(leaseGone.problem()).isEqualTo(ErrorKind.STALLED);
        Assessment noProgress = mapping.assess("active", source("syncing")
                .running(NOW.plusSeconds(60), NOW.minus(StatusMapping.STALLED_AFTER).minusSeconds(1)).build(), NOW);
        assertThat(noProgress.problem()).isEqualTo(ErrorKind.STALLED);
        Assessment healthy = mapping.assess("active",
                source("syncing").running(NOW.plusSeconds(60), NOW.minusSeconds(20)).build(), NOW);
        assertThat(healthy.badge()).isEqualTo(Badge.ACTIVE);
    }

    @Test
    void a_source_long_past_its_due_time_is_degraded_as_overdue() {
        Instant longAgo = NOW.minus(StatusMapping.OVERDUE_AFTER).minus(Duration.ofMinutes(1));
        assertThat(mapping.assess("active", source("idle").nextSyncAt(longAgo).build(), NOW).problem())
                .isEqualTo(ErrorKind.OVERDUE);
        assertThat(mapping.assess("active", source("idle").nextSyncAt(NOW.minusSeconds(30)).build(), NOW).badge())
                .isEqualTo(Badge.ACTIVE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Google rate limit: 429 rateLimitExceeded Too many concurrent requests for user.|rate_limited",
            "HTTP 403 rateLimitExceeded: User-rate limit exceeded.  Retry after 2026-03-01T12:00:00Z|rate_limited",
            "HTTP 403 userRateLimitExceeded: User Rate Limit Exceeded|rate_limited",
            "HTTP 429 : Quota exceeded|rate_limited",
            "invalid_grant: Token has been expired or revoked.|reauth_required",
            "connection 7 is needs_reauth; re-authorisation required|reauth_required",
            "HTTP 500 backendError: Backend Error|google_unavailable",
            "HTTP 503 backendError: The service is currently unavailable.|google_unavailable",
            "HTTP 401 authError: Request had invalid authentication credentials.|access_token",
            "HTTP 403 forbidden: Delegation denied for someone@example.com|permission_denied",
            "HTTP 400 invalidArgument: Invalid value|google_rejected",
            "HTTP 404 notFound: Requested entity was not found.|google_rejected",
            "SocketTimeoutException: Read timed out|network",
            "ConnectException: Connection refused|network",
            "UnknownHostException: gmail.googleapis.com|network",
            "interrupted: the lease of worker w-1 expired at 2026-03-01T11:00:00Z|interrupted",
            "safety valve: this full sync would delete 90 of 100 stored gmail rows (90%); they are kept.|safety_valve",
            "IllegalStateException: GmailSyncJob returned without completing|unknown"})
    void known_error_texts_map_to_kinds(String lastError, String kind) {
        assertThat(mapping.kindOf(lastError).id()).isEqualTo(kind);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void no_error_text_is_unknown(String lastError) {
        assertThat(mapping.kindOf(lastError)).isEqualTo(ErrorKind.UNKNOWN);
    }

    @Test
    void the_sentences_never_carry_technical_text() {
        for (ErrorKind kind : ErrorKind.values()) {
            assertThat(kind.message()).doesNotContainPattern("HTTP \\d|Exception|\\bat [a-z]+\\.|invalid_grant")
                    .endsWith(".");
        }
    }

    @Test
    void full_sync_progress_comes_from_the_checkpoint_and_stays_below_100_while_running() {
        SourceStateView full = source("syncing").running(NOW.plusSeconds(60), NOW, "full", 40, 30, 10, 80L).build();
        assertThat(mapping.fullSyncProgress(full)).isEqualTo(new StatusMapping.FullSyncProgress(40, 80L, 50));
        SourceStateView over = source("syncing").running(NOW.plusSeconds(60), NOW, "full", 120, 120, 0, 80L).build();
        assertThat(mapping.fullSyncProgress(over).percent()).isEqualTo(99);
        SourceStateView noEstimate = source("syncing").running(NOW.plusSeconds(60), NOW, "full", 5, 5, 0, null)
                .build();
        assertThat(mapping.fullSyncProgress(noEstimate)).isEqualTo(new StatusMapping.FullSyncProgress(5, null, null));
        SourceStateView incremental = source("syncing").running(NOW.plusSeconds(60), NOW, "incremental", 5, 5, 0,
                null).build();
        assertThat(mapping.fullSyncProgress(incremental)).isNull();
        assertThat(mapping.fullSyncProgress(source("idle").build())).isNull();
    }

    @Test
    void a_resync_that_changes_nothing_still_shows_its_progress_and_is_not_stalled() {
        SourceStateView unchanged = source("syncing").running(NOW.plusSeconds(60), NOW.minusSeconds(5), "full", 60, 0,
                0, 80L).build();

        assertThat(mapping.fullSyncProgress(unchanged)).isEqualTo(new StatusMapping.FullSyncProgress(60, 80L, 75));
        assertThat(mapping.assess("active", unchanged, NOW).problem()).isNotEqualTo(ErrorKind.STALLED);
    }

    @Test
    void the_ledger_badge_agrees_with_the_full_assessment_for_healthy_push_and_timing() {
        for (String status : new String[] {"idle", "error", "rate_limited", "needs_reauth", "disabled"}) {
            for (String connection : new String[] {"active", "needs_reauth", "removed"}) {
                assertThat(mapping.ledgerBadge(connection, status)).as(connection + "/" + status)
                        .isEqualTo(mapping.assess(connection, source(status).build(), NOW).badge());
            }
        }
    }

    @Test
    void the_technical_summary_is_one_short_line() {
        assertThat(mapping.technicalSummary("boom\n\tat io.syncplane.X.y(X.java:1)")).isEqualTo("boom");
        assertThat(mapping.technicalSummary("x".repeat(500))).hasSize(200);
        assertThat(mapping.technicalSummary(null)).isNull();
    }

    @Test
    void the_worst_badge_wins() {
        assertThat(Badge.ACTIVE.worst(Badge.DEGRADED)).isEqualTo(Badge.DEGRADED);
        assertThat(Badge.DISCONNECTED.worst(Badge.DEGRADED)).isEqualTo(Badge.DISCONNECTED);
        assertThat(Badge.ACTIVE.worst(Badge.ACTIVE)).isEqualTo(Badge.ACTIVE);
    }

    private static Builder source(String status) {
        return new Builder(status);
    }

    private static final class Builder {
        private final String status;
        private String push = "polled";
        private String lastError;
        private Instant rateLimitedUntil;
        private Instant nextSyncAt = NOW.plusSeconds(600);
        private SourceStateView.Progress running;

        Builder(String status) {
            this.status = status;
        }

        Builder push(String value) {
            push = value;
            return this;
        }

        Builder lastError(String value) {
            lastError = value;
            return this;
        }

        Builder rateLimitedUntil(Instant value) {
            rateLimitedUntil = value;
            return this;
        }

        Builder nextSyncAt(Instant value) {
            nextSyncAt = value;
            return this;
        }

        Builder running(Instant leaseExpiresAt, Instant checkpointAt) {
            return running(leaseExpiresAt, checkpointAt, "incremental", 0, 0, 0, null);
        }

        Builder running(Instant leaseExpiresAt, Instant checkpointAt, String mode, long examined, long added,
                        long updated, Long estimate) {
            running = new SourceStateView.Progress(1L, mode, "manual", "w-1", checkpointAt.minusSeconds(60),
                    leaseExpiresAt, "list", 1, examined, added, updated, 0, estimate, checkpointAt);
            return this;
        }

        SourceStateView build() {
            return new SourceStateView(1, "gmail", status, NOW.minusSeconds(120), NOW.minusSeconds(120), nextSyncAt,
                    3, 40, lastError == null ? 0 : 2, lastError, lastError == null ? null : NOW.minusSeconds(60),
                    rateLimitedUntil, "needs_reauth".equals(status), "incremental", false, running,
                    new SourceStateView.Push(push, null, null));
        }
    }
}
