package io.syncplane.api.feed;

import io.syncplane.api.auth.ApiKeys;
import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.web.ApiException;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.feed.ChangeFeed;
import io.syncplane.feed.ChangePage;
import io.syncplane.feed.FeedCursor;
import io.syncplane.feed.FeedScope;
import io.syncplane.feed.LongPoll;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The change feed over HTTP: one user's (their connections only, and row-level security agrees) or everyone's for
 * operators. Each read is a transaction of its own, so a long-poll holds no pooled connection while it waits.
 */
public final class ChangesService {

    public static final int DEFAULT_LIMIT = 500;

    private final CallerTransactions transactions;
    private final ConnectionStore connections;
    private final ChangeFeed feed;
    private final LongPoll longPoll;

    public ChangesService(CallerTransactions transactions, ConnectionStore connections, ChangeFeed feed,
                          LongPoll longPoll) {
        this.transactions = transactions;
        this.connections = connections;
        this.feed = feed;
        this.longPoll = longPoll;
    }

    public ChangesPage userChanges(Caller caller, long userId, FeedRequest request) {
        Set<Long> connectionIds = transactions.read(caller, () -> {
            connections.findUser(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
            // removed connections too: their last changes (and a purge's absence of them) are part of the history
            return connections.findByUser(userId).stream().map(GoogleConnection::id).collect(Collectors.toSet());
        });
        return poll(caller, connectionIds, FeedScope.connections(connectionIds), request);
    }

    public ChangesPage allChanges(Caller caller, FeedRequest request) {
        ApiKeys.requireOperator(caller);
        return poll(caller, Set.of(), FeedScope.allConnections(), request);
    }

    private ChangesPage poll(Caller caller, Set<Long> connectionIds, FeedScope scope, FeedRequest request) {
        try {
            ChangePage page = longPoll.poll(connectionIds, request.maxWait(), () -> transactions.read(caller,
                    () -> feed.read(scope, request.since(), request.sources(), request.limit())));
            return new ChangesPage(page.changes().stream().map(ChangeView::of).toList(), page.next().encode(),
                    page.hasMore());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "the service is shutting down; retry");
        }
    }

    /** A validated feed request. */
    public record FeedRequest(Optional<FeedCursor> since, Set<Source> sources, int limit, Duration maxWait) {

        public static FeedRequest parse(String since, String sources, Integer limit, Integer waitSeconds) {
            int pageSize = limit == null ? DEFAULT_LIMIT : limit;
            if (pageSize < 1 || pageSize > ChangeFeed.MAX_LIMIT) {
                throw ApiException.badParameter("limit", "limit must be between 1 and " + ChangeFeed.MAX_LIMIT
                        + ", got " + pageSize);
            }
            int wait = waitSeconds == null ? 0 : waitSeconds;
            if (wait < 0 || wait > LongPoll.MAX_WAIT.toSeconds()) {
                throw ApiException.badParameter("wait", "wait must be between 0 and " + LongPoll.MAX_WAIT.toSeconds()
                        + " seconds, got " + wait);
            }
            return new FeedRequest(since == null || since.isEmpty() ? Optional.empty()
                    : Optional.of(FeedCursor.parse(since)), sources(sources), pageSize, Duration.ofSeconds(wait));
        }

        private static Set<Source> sources(String list) {
            if (list == null || list.isBlank()) {
                return Set.of();
            }
            Set<Source> sources = EnumSet.noneOf(Source.class);
            for (String id : list.split(",")) {
                sources.add(Source.fromId(id.trim()).orElseThrow(() -> ApiException.badParameter("sources",
                        "unknown source '" + id.trim() + "'; known: "
                                + Arrays.stream(Source.values()).map(Source::id).toList())));
            }
            return sources;
        }
    }
}
