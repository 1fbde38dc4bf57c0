package io.syncplane.api.status;

import io.syncplane.api.auth.ApiKeys;
import io.syncplane.api.auth.Caller;
import io.syncplane.api.connections.GoogleLinkingService;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.ops.DeadLetterService;
import io.syncplane.api.status.StatusMapping.Assessment;
import io.syncplane.api.status.StatusMapping.Badge;
import io.syncplane.api.status.StatusMapping.ErrorKind;
import io.syncplane.api.status.StatusViews.Account;
import io.syncplane.api.status.StatusViews.DeadLetter;
import io.syncplane.api.status.StatusViews.DeadLetters;
import io.syncplane.api.status.StatusViews.Overview;
import io.syncplane.api.status.StatusViews.Problem;
import io.syncplane.api.status.StatusViews.Session;
import io.syncplane.api.status.StatusViews.SourceStatus;
import io.syncplane.api.status.StatusViews.UserStatus;
import io.syncplane.api.status.StatusViews.WorstSource;
import io.syncplane.api.sync.SourceStateView;
import io.syncplane.api.sync.SourceStates;
import io.syncplane.api.oauth.AuthorizationStart;
import io.syncplane.api.oauth.InvalidAppRedirectUriException;
import io.syncplane.api.web.ApiException;
import io.syncplane.connection.AppUser;
import io.syncplane.connection.ConnectionStatus;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.persistence.JdbcTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the status page shows, read through the same views as the rest of the API ({@link SourceStates}, the dead
 * letters, the Google linking flow) and judged by {@link StatusMapping}. Reads run in the caller's transaction, so
 * row-level security decides what a key sees: a user key sees its own user only (others answer 404).
 */
public final class StatusService {

    private static final Logger log = LoggerFactory.getLogger(StatusService.class);
    private static final int WORST = 10;
    private static final int DEAD_LETTERS = 20;
    /** Problems that come from the last run's error, as opposed to conditions the page derives from timing or push. */
    private static final Set<ErrorKind> CONDITIONS = EnumSet.of(ErrorKind.STALLED, ErrorKind.OVERDUE,
            ErrorKind.POLLING_FALLBACK, ErrorKind.DISABLED, ErrorKind.REMOVED);

    private final CallerTransactions transactions;
    private final ConnectionStore connections;
    private final SourceStates views;
    private final JdbcClient jdbc;
    private final DeadLetterService deadLetters;
    private final GoogleLinkingService linking;
    private final StatusMapping mapping;
    private final StatusPageProperties properties;
    private final Clock clock;
    private final WriteSummaries writes;

    public StatusService(CallerTransactions transactions, ConnectionStore connections, SourceStates views,
                         JdbcClient jdbc, DeadLetterService deadLetters, GoogleLinkingService linking,
                         StatusMapping mapping, StatusPageProperties properties, Clock clock) {
        this.transactions = transactions;
        this.connections = connections;
        this.views = views;
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.linking = linking;
        this.mapping = mapping;
        this.properties = properties;
        this.clock = clock;
        this.writes = new WriteSummaries(jdbc);
    }

    public Session session(Caller caller) {
        return caller.isOperator() ? new Session("operator", null, properties.jobrunrDashboardUrl())
                : new Session("user", caller.userId(), null);
    }

    /**
     * @param returnTo where Google's consent page sends the user back after reconnecting: an absolute http(s) URI
     *                 without fragment, else 400
     */
    public UserStatus user(Caller caller, long userId, String returnTo) {
        String back = validReturnTo(returnTo);
        Instant now = clock.instant();
        record Linked(GoogleConnection connection, List<SourceStateView> sources) {
        }
        record Read(AppUser user, List<Linked> linked, StatusViews.Writes writes) {
        }
        Read read = transactions.read(caller, () -> {
            AppUser user = connections.findUser(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
            List<Linked> linked = connections.findByUser(userId).stream()
                    .filter(c -> c.status() != ConnectionStatus.REMOVED)
                    .map(c -> new Linked(c, views.viewsOfConnection(c.id()))).toList();
            return new Read(user, linked, writes.ofUser(userId, now));
        });
        Map<String, Long> badges = emptyBadgeCounts();
        boolean fallback = false;
        List<Account> accounts = new ArrayList<>();
        for (Linked linked : read.linked()) {
            GoogleConnection connection = linked.connection();
            Badge worst = connection.status() == ConnectionStatus.ACTIVE ? Badge.ACTIVE : Badge.DISCONNECTED;
            boolean reconnect = connection.status() == ConnectionStatus.NEEDS_REAUTH;
            List<SourceStatus> sources = new ArrayList<>();
            for (SourceStateView source : linked.sources()) {
                Assessment assessment = mapping.assess(connection.status().id(), source, now);
                worst = worst.worst(assessment.badge());
                reconnect |= assessment.needsReconnect();
                fallback |= assessment.pollingFallback();
                badges.merge(assessment.badge().id(), 1L, Long::sum);
                sources.add(sourceStatus(connection, source, assessment));
            }
            String reconnectUrl = reconnect ? reconnectUrl(caller, userId, back, connection.accountEmail()) : null;
            accounts.add(new Account(connection.id(), connection.accountEmail(), connection.status().id(), worst.id(),
                    reconnect, reconnectUrl, List.copyOf(sources)));
        }
        return new UserStatus(read.user().id(), read.user().externalId(), now, badges, fallback, List.copyOf(accounts),
                read.writes());
    }

    /** Operators only (403 otherwise). */
    public Overview overview(Caller caller) {
        ApiKeys.requireOperator(caller);
        Instant now = clock.instant();
        record Ledger(Map<String, Long> badges, Map<String, Long> byStatus, List<WorstSource> worst,
                      StatusViews.Writes writes) {
        }
        Ledger ledger = transactions.read(caller, () -> {
            Map<String, Long> badges = emptyBadgeCounts();
            Map<String, Long> byStatus = new LinkedHashMap<>();
            Arrays.stream(SyncStatus.values()).forEach(status -> byStatus.put(status.id(), 0L));
            jdbc.sql("SELECT c.status AS connection_status, s.status AS sync_status, count(*) AS n FROM sync_state s"
                            + " JOIN google_connection c ON c.id = s.connection_id WHERE c.status <> 'removed'"
                            + " GROUP BY c.status, s.status")
                    .query(rs -> {
                        long n = rs.getLong("n");
                        badges.merge(mapping.ledgerBadge(rs.getString("connection_status"),
                                rs.getString("sync_status")).id(), n, Long::sum);
                        byStatus.merge(rs.getString("sync_status"), n, Long::sum);
                    });
            return new Ledger(badges, byStatus, worstSources(now), writes.ofEveryone(now));
        });
        DeadLetterService.Page letters = deadLetters.list(caller, 0, DEAD_LETTERS);
        List<DeadLetter> dead = letters.deadLetters().stream().map(letter -> {
            ErrorKind kind = mapping.kindOf(letter.lastError());
            return new DeadLetter(letter.connectionId(), letter.source(), letter.failures(),
                    new Problem(kind.id(), kind.message(), letter.deadSince(), letter.failures(), null),
                    mapping.technicalSummary(letter.lastError()), letter.deadSince(),
                    "/v1/dead-letters/" + letter.connectionId() + "/" + letter.source() + "/redrive");
        }).toList();
        return new Overview(now, ledger.badges(), ledger.byStatus(), ledger.worst(),
                new DeadLetters(letters.total(), dead), properties.jobrunrDashboardUrl(), ledger.writes());
    }

    /** Most consecutive errors first, then the longest overdue; each judged as the user's page judges it. */
    private List<WorstSource> worstSources(Instant now) {
        record Row(long connectionId, String source, long userId, String email, String connectionStatus) {
        }
        List<Row> rows = jdbc.sql("SELECT s.connection_id, s.source, s.user_id, c.account_email,"
                        + " c.status AS connection_status FROM sync_state s"
                        + " JOIN google_connection c ON c.id = s.connection_id"
                        + " WHERE c.status <> 'removed' AND (s.consecutive_errors > 0"
                        + " OR s.status IN ('error', 'rate_limited', 'needs_reauth')"
                        + " OR (s.status IN ('idle', 'error', 'rate_limited') AND s.next_sync_at <= ?))"
                        + " ORDER BY s.consecutive_errors DESC, s.next_sync_at ASC NULLS LAST, s.id LIMIT " + WORST)
                .param(JdbcTime.timestamp(now))
                .query((rs, n) -> new Row(rs.getLong("connection_id"), rs.getString("source"),
                        rs.getLong("user_id"), rs.getString("account_email"), rs.getString("connection_status")))
                .list();
        List<WorstSource> worst = new ArrayList<>();
        for (Row row : rows) {
            SourceStateView source = views.view(views.require(new SyncKey(row.connectionId(),
                    Source.require(row.source()))));
            Assessment assessment = mapping.assess(row.connectionStatus(), source, now);
            Double overdue = !"syncing".equals(source.status()) && source.nextSyncAt() != null
                    && !source.nextSyncAt().isAfter(now)
                    ? Duration.between(source.nextSyncAt(), now).toMillis() / 1000.0 : null;
            worst.add(new WorstSource(row.userId(), row.connectionId(), row.email(), row.source(),
                    assessment.badge().id(), source.status(), source.consecutiveErrors(),
                    problem(assessment, source), mapping.technicalSummary(source.lastError()), source.lastSyncAt(),
                    source.nextSyncAt(), overdue));
        }
        return List.copyOf(worst);
    }

    private SourceStatus sourceStatus(GoogleConnection connection, SourceStateView source, Assessment assessment) {
        return new SourceStatus(source.source(), assessment.badge().id(), source.status(),
                "syncing".equals(source.status()), source.lastSyncAt(), source.lastSuccessfulSyncAt(),
                source.nextSyncAt(), source.itemsTotal(), mapping.fullSyncProgress(source),
                problem(assessment, source), assessment.pollingFallback(),
                source.push() == null ? null : source.push().status(), assessment.canSyncNow(),
                "/v1/connections/" + connection.id() + "/sources/" + source.source() + "/sync");
    }

    private static Problem problem(Assessment assessment, SourceStateView source) {
        ErrorKind kind = assessment.problem();
        if (kind == null) {
            return null;
        }
        Instant at = CONDITIONS.contains(kind) ? null : source.lastErrorAt();
        Instant retryAt = kind == ErrorKind.RATE_LIMITED && source.rateLimitedUntil() != null
                ? source.rateLimitedUntil()
                : assessment.badge() == Badge.DEGRADED && "error".equals(source.status()) ? source.nextSyncAt() : null;
        return new Problem(kind.id(), kind.message(), at, source.consecutiveErrors(), retryAt);
    }

    /** Google's consent page for the account, as the authorize endpoint makes it; null when linking is unavailable. */
    private String reconnectUrl(Caller caller, long userId, String returnTo, String email) {
        try {
            return linking.consentUrl(caller, userId, returnTo, Optional.of(email)).toString();
        } catch (ApiException e) {
            log.debug("No reconnect link for user {}: {}", userId, e.getMessage());
            return null;
        }
    }

    private static Map<String, Long> emptyBadgeCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        Arrays.stream(Badge.values()).forEach(badge -> counts.put(badge.id(), 0L));
        return counts;
    }

    static String validReturnTo(String returnTo) {
        try {
            AuthorizationStart.validRedirect("returnTo", returnTo);
            return returnTo;
        } catch (InvalidAppRedirectUriException e) {
            throw ApiException.badParameter("returnTo", e.getMessage());
        }
    }
}
