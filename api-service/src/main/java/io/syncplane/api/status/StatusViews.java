package io.syncplane.api.status;

import io.syncplane.api.status.StatusMapping.FullSyncProgress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the status page reads: records only, built by {@link StatusService}. */
public final class StatusViews {

    private StatusViews() {
    }

    /**
     * Who the key acts for, so the page knows what to show.
     *
     * @param scope               "operator" or "user"
     * @param userId              the user of a user key, null for operators
     * @param jobrunrDashboardUrl operators only: the JobRunr dashboard, null when not configured
     */
    public record Session(String scope, Long userId, String jobrunrDashboardUrl) {
    }

    /**
     * One user's accounts and sources.
     *
     * @param badges          sources per badge (active, degraded, disconnected)
     * @param pollingFallback some source is polled because its push is degraded (the page shows a banner)
     */
    public record UserStatus(long userId, String externalId, Instant generatedAt, Map<String, Long> badges,
                             boolean pollingFallback, List<Account> connections, Writes writes) {
    }

    /**
     * Write-back at a glance.
     *
     * @param waiting          operations not yet applied (pending, or an attempt out)
     * @param failed           operations Google refused or that failed too often, in the window
     * @param conflicts        write conflicts in the window, whichever side won
     * @param windowHours      the window of {@code failed} and {@code conflicts}
     * @param recentConflicts  the newest few
     */
    public record Writes(long waiting, long failed, long conflicts, int windowHours,
                         List<ConflictLine> recentConflicts) {
    }

    /** @param decision google_won or application_won */
    public record ConflictLine(long conflictId, long userId, long connectionId, String source, String itemId,
                               String decision, String reason, Instant detectedAt) {
    }

    /**
     * A linked Google account (removed ones are left out).
     *
     * @param badge          the worst of its sources
     * @param needsReconnect the user must link the account again
     * @param reconnectUrl   Google's consent page for that, returning to the status page; null when not needed (or
     *                       OAuth is not configured)
     */
    public record Account(long connectionId, String accountEmail, String status, String badge,
                          boolean needsReconnect, String reconnectUrl, List<SourceStatus> sources) {
    }

    /**
     * @param syncStatus       the ledger status (idle, syncing, error, rate_limited, needs_reauth, disabled)
     * @param fullSyncProgress while a full sync runs: items done out of Google's estimate
     * @param lastError        what is wrong, in words; null when nothing is
     * @param pollingFallback  push is degraded: polled every few minutes until it recovers
     * @param push             active, degraded, disconnected or polled (see the source state API)
     * @param canSyncNow       "Sync now" would be accepted
     * @param syncUrl          the trigger endpoint (POST)
     */
    public record SourceStatus(String source, String badge, String syncStatus, boolean syncing, Instant lastSyncAt,
                               Instant lastSuccessfulSyncAt, Instant nextSyncAt, long itemsTotal,
                               FullSyncProgress fullSyncProgress, Problem lastError, boolean pollingFallback,
                               String push, boolean canSyncNow, String syncUrl) {
    }

    /**
     * @param kind              stable id (rate_limited, reauth_required, google_unavailable, network, ...)
     * @param message           a sentence for a person; never Google's or Java's text
     * @param at                when the error happened, null for conditions (stalled, overdue, polling fallback)
     * @param consecutiveErrors failed runs in a row
     * @param retryAt           when Syncplane tries again by itself, where known
     */
    public record Problem(String kind, String message, Instant at, int consecutiveErrors, Instant retryAt) {
    }

    /**
     * Operators: the whole fleet at a glance.
     *
     * @param badges              sources per badge from the ledger alone (push health and timing are per source:
     *                            see {@code worstSources})
     * @param byStatus            sources per ledger status
     * @param worstSources        up to 10: most consecutive errors first, then the longest overdue
     * @param jobrunrDashboardUrl null when not configured
     */
    public record Overview(Instant generatedAt, Map<String, Long> badges, Map<String, Long> byStatus,
                           List<WorstSource> worstSources, DeadLetters deadLetters, String jobrunrDashboardUrl,
                           Writes writes) {
    }

    /**
     * @param detail         the raw error's first line, for operators
     * @param overdueSeconds how long past its due time, null when not overdue
     */
    public record WorstSource(long userId, long connectionId, String accountEmail, String source, String badge,
                              String syncStatus, int consecutiveErrors, Problem lastError, String detail,
                              Instant lastSyncAt, Instant nextSyncAt, Double overdueSeconds) {
    }

    public record DeadLetters(long total, List<DeadLetter> items) {
    }

    /** @param redriveUrl POST puts it back, due now */
    public record DeadLetter(long connectionId, String source, int failures, Problem lastError, String detail,
                             Instant deadSince, String redriveUrl) {
    }
}
