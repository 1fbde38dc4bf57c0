package io.syncplane.api.status;

import io.syncplane.api.sync.SourceStateView;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns what the API knows about a source (ledger status, push status, the last error's text) into
 * what the status page shows a person: a badge and, where something is wrong, a sentence without technical detail.
 * Pure: the caller passes the time.
 *
 * <p>First rule that applies wins:
 * <ol>
 *   <li>connection removed, connection or source needing re-authorisation, source disabled, push disconnected:
 *       {@link Badge#DISCONNECTED}</li>
 *   <li>rate limited, failing (status error), a stalled run (lease expired, or no checkpoint for
 *       {@link #STALLED_AFTER}), overdue by more than {@link #OVERDUE_AFTER}, or push degraded (polling fallback):
 *       {@link Badge#DEGRADED}</li>
 *   <li>otherwise {@link Badge#ACTIVE}</li>
 * </ol>
 */
public final class StatusMapping {

    /** A running sync that has committed nothing for this long is shown as stalled. */
    public static final Duration STALLED_AFTER = Duration.ofMinutes(10);
    /** A sync this far past its due time (and not running) is shown as waiting too long. */
    public static final Duration OVERDUE_AFTER = Duration.ofMinutes(15);

    private static final Pattern HTTP_STATUS = Pattern.compile("^HTTP (\\d{3})\\b");

    public enum Badge {
        ACTIVE("active", "Active"),
        DEGRADED("degraded", "Degraded"),
        DISCONNECTED("disconnected", "Disconnected");

        private final String id;
        private final String label;

        Badge(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        /** The worse of the two: disconnected over degraded over active. */
        public Badge worst(Badge other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /** What went wrong, for a person: a stable {@code kind} the page may style by, and a sentence. */
    public enum ErrorKind {
        RATE_LIMITED("rate_limited", "Google is limiting how fast this account can be read. Syncing resumes by itself."),
        REAUTH_REQUIRED("reauth_required", "Google no longer accepts Syncplane's access to this account (it was"
                + " revoked or expired). Reconnect the account to resume syncing."),
        GOOGLE_UNAVAILABLE("google_unavailable", "Google was temporarily unavailable. Syncplane retries by itself."),
        NETWORK("network", "Google could not be reached (network problem). Syncplane retries by itself."),
        ACCESS_TOKEN("access_token", "Google did not accept the access token. Syncplane retries with a fresh one."),
        PERMISSION_DENIED("permission_denied", "Google refused access to this data. If this persists, reconnect the"
                + " account and allow every permission asked for."),
        GOOGLE_REJECTED("google_rejected", "Google rejected a request for this data. Syncplane retries by itself."),
        INTERRUPTED("interrupted", "The previous sync was interrupted (a worker stopped); it resumes where it left"
                + " off."),
        STALLED("stalled", "The sync in progress has stopped making progress; it will be picked up again."),
        OVERDUE("overdue", "The sync is waiting longer than usual for a worker."),
        SAFETY_VALVE("safety_valve", "A full sync would have deleted many items, so they were kept. An operator can"
                + " confirm the deletion."),
        DISABLED("disabled", "Syncing is switched off for this source."),
        REMOVED("removed", "This account was disconnected from Syncplane."),
        POLLING_FALLBACK("polling_fallback", "Live updates from Google are not arriving; Syncplane checks for"
                + " changes every few minutes instead."),
        UNKNOWN("unknown", "The last sync failed. Syncplane retries by itself.");

        private final String id;
        private final String message;

        ErrorKind(String id, String message) {
            this.id = id;
            this.message = message;
        }

        public String id() {
            return id;
        }

        public String message() {
            return message;
        }
    }

    /**
     * @param problem         what is wrong, null when nothing is
     * @param pollingFallback push is degraded: the source is polled until push recovers (the page shows a banner)
     * @param needsReconnect  the user must link the account again
     * @param canSyncNow      a manual trigger would be accepted (not disconnected)
     */
    public record Assessment(Badge badge, ErrorKind problem, boolean pollingFallback, boolean needsReconnect,
                             boolean canSyncNow) {
    }

    /** The badge and problem of one source of a connection whose status is {@code connectionStatus}. */
    public Assessment assess(String connectionStatus, SourceStateView source, Instant now) {
        String push = source.push() == null ? null : source.push().status();
        boolean fallback = "degraded".equals(push);
        if ("removed".equals(connectionStatus)) {
            return disconnected(ErrorKind.REMOVED, false);
        }
        if ("needs_reauth".equals(connectionStatus) || "needs_reauth".equals(source.status())) {
            return disconnected(ErrorKind.REAUTH_REQUIRED, true);
        }
        if ("disabled".equals(source.status())) {
            return disconnected(ErrorKind.DISABLED, false);
        }
        if ("disconnected".equals(push)) {
            return disconnected(ErrorKind.REAUTH_REQUIRED, true);
        }
        if ("rate_limited".equals(source.status())
                || (source.rateLimitedUntil() != null && source.rateLimitedUntil().isAfter(now))) {
            return degraded(ErrorKind.RATE_LIMITED, fallback);
        }
        if ("error".equals(source.status())) {
            return degraded(kindOf(source.lastError()), fallback);
        }
        if ("syncing".equals(source.status()) && stalled(source.running(), now)) {
            return degraded(ErrorKind.STALLED, fallback);
        }
        if (!"syncing".equals(source.status()) && source.nextSyncAt() != null
                && source.nextSyncAt().plus(OVERDUE_AFTER).isBefore(now)) {
            return degraded(ErrorKind.OVERDUE, fallback);
        }
        if (fallback) {
            return degraded(ErrorKind.POLLING_FALLBACK, true);
        }
        return new Assessment(Badge.ACTIVE, null, false, false, true);
    }

    /**
     * The badge from the ledger alone (no push, no timing), for counting every source at once: what
     * {@link #assess} answers for the same statuses when push and timing are healthy.
     */
    public Badge ledgerBadge(String connectionStatus, String syncStatus) {
        if ("removed".equals(connectionStatus) || "needs_reauth".equals(connectionStatus)
                || "needs_reauth".equals(syncStatus) || "disabled".equals(syncStatus)) {
            return Badge.DISCONNECTED;
        }
        if ("error".equals(syncStatus) || "rate_limited".equals(syncStatus)) {
            return Badge.DEGRADED;
        }
        return Badge.ACTIVE;
    }

    /** The kind of a ledger {@code last_error} text (as the worker writes it: {@code GoogleErrors.describe}). */
    public ErrorKind kindOf(String lastError) {
        if (lastError == null || lastError.isBlank()) {
            return ErrorKind.UNKNOWN;
        }
        String text = lastError.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("google rate limit") || lower.contains("ratelimitexceeded")
                || lower.contains("quotaexceeded") || lower.contains("rate_limit_exceeded")) {
            return ErrorKind.RATE_LIMITED;
        }
        if (lower.contains("invalid_grant") || lower.contains("re-authoris") || lower.contains("reauthoriz")) {
            return ErrorKind.REAUTH_REQUIRED;
        }
        if (lower.startsWith("interrupted")) {
            return ErrorKind.INTERRUPTED;
        }
        if (lower.contains("safety valve")) {
            return ErrorKind.SAFETY_VALVE;
        }
        Matcher http = HTTP_STATUS.matcher(text);
        if (http.find()) {
            int status = Integer.parseInt(http.group(1));
            if (status == 429) {
                return ErrorKind.RATE_LIMITED;
            }
            if (status >= 500) {
                return ErrorKind.GOOGLE_UNAVAILABLE;
            }
            if (status == 401) {
                return ErrorKind.ACCESS_TOKEN;
            }
            if (status == 403) {
                return ErrorKind.PERMISSION_DENIED;
            }
            return ErrorKind.GOOGLE_REJECTED;
        }
        if (lower.contains("timeout") || lower.contains("timed out") || lower.contains("connectexception")
                || lower.contains("unknownhost") || lower.contains("sslexception") || lower.contains("ioexception")
                || lower.contains("connection reset") || lower.contains("connection refused")) {
            return ErrorKind.NETWORK;
        }
        return ErrorKind.UNKNOWN;
    }

    /**
     * Items a full sync has examined so far (changed or not: a resync that finds nothing new still advances) out of
     * Google's estimate, from the checkpoint; null unless a full sync runs.
     *
     * @param percent 0..99 while running (100 only once it completed, which this never reports), null without an
     *                estimate
     */
    public record FullSyncProgress(long itemsDone, Long estimatedTotal, Integer percent) {
    }

    public FullSyncProgress fullSyncProgress(SourceStateView source) {
        SourceStateView.Progress running = source.running();
        if (running == null || !"full".equals(running.mode())) {
            return null;
        }
        long done = running.itemsExamined();
        Long estimate = running.estimatedTotal();
        Integer percent = estimate == null || estimate <= 0 ? null
                : (int) Math.min(99, done * 100 / estimate);
        return new FullSyncProgress(done, estimate, percent);
    }

    /** An operator's one-line technical summary of a raw error: first line, at most 200 characters. */
    public String technicalSummary(String lastError) {
        if (lastError == null || lastError.isBlank()) {
            return null;
        }
        String line = lastError.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }

    private static boolean stalled(SourceStateView.Progress running, Instant now) {
        if (running == null) {
            return false;
        }
        if (running.leaseExpiresAt() != null && running.leaseExpiresAt().isBefore(now)) {
            return true;
        }
        Instant last = running.checkpointAt() != null ? running.checkpointAt() : running.startedAt();
        return last != null && last.plus(STALLED_AFTER).isBefore(now);
    }

    private static Assessment disconnected(ErrorKind kind, boolean reconnect) {
        return new Assessment(Badge.DISCONNECTED, kind, false, reconnect, false);
    }

    private static Assessment degraded(ErrorKind kind, boolean fallback) {
        return new Assessment(Badge.DEGRADED, kind, fallback, false, true);
    }
}
