package io.syncplane.bench.scale;

import io.syncplane.feed.ChangeFeed;
import io.syncplane.feed.ChangePage;
import io.syncplane.feed.FeedCursor;
import io.syncplane.feed.FeedScope;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * A caught-up consumer's poll of the change feed, as the API runs it (BEGIN; ChangeFeed.read; COMMIT): one user with
 * two connections, and the operator's everything-scope, both from the head of the feed so each poll finds nothing.
 */
final class EmptyPolls {

    static final int PAGE = 500;

    private final ScaleDatabase db;
    private final ChangeFeed feed;
    private final FeedScope user;
    private final FeedCursor head;

    EmptyPolls(ScaleDatabase db, long rows) {
        this.db = db;
        this.feed = new ChangeFeed(db.jdbc, JsonMapper.builder().build());
        this.user = FeedScope.connections(new HashSet<>(ScaleFill.middleConnections(db, rows)));
        awaitWatermark();
        this.head = drain();
    }

    /** Microseconds of one empty poll of the user's feed. */
    double userPoll() {
        return poll(user);
    }

    /** Microseconds of one empty poll of every connection's feed (the operator's). */
    double allPoll() {
        return poll(FeedScope.allConnections());
    }

    private double poll(FeedScope scope) {
        long started = System.nanoTime();
        ChangePage page = db.transactions.execute(s -> feed.read(scope, Optional.of(head), Set.of(), PAGE));
        double us = (System.nanoTime() - started) / 1e3;
        if (!page.changes().isEmpty()) {
            throw new IllegalStateException("an empty poll returned " + page.changes().size() + " changes");
        }
        return us;
    }

    /**
     * Reads the user's feed to its end. The cursor an empty page hands out is the watermark, above every committed
     * row whatever the scope, so it also serves as the caught-up position of the everything-scope.
     */
    private FeedCursor drain() {
        Optional<FeedCursor> cursor = Optional.empty();
        ChangePage page;
        int rows = 0;
        do {
            page = feed.read(user, cursor, Set.of(), 10_000);
            rows += page.changes().size();
            cursor = Optional.of(page.next());
        } while (page.hasMore());
        int expected = 2 * 4 * ScaleFill.ROWS_PER_CONNECTION_AND_TABLE;
        if (rows != expected) {
            throw new IllegalStateException("the user's feed held " + rows + " changes, expected " + expected);
        }
        return cursor.get();
    }

    /** Waits until every transaction that wrote the fill is below the watermark (another session may hold it). */
    private void awaitWatermark() {
        long target = Long.parseLong(db.jdbc.sql("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")
                .query(String.class).single());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (Long.parseLong(db.jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
                .query(String.class).single()) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a long transaction elsewhere holds the feed's watermark back");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
