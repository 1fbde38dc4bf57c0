package io.syncplane.feed;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.store.ItemWrite;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** A migrated schema with the production item store writing and the change feed reading. */
final class FeedFixture implements AutoCloseable {

    final PostgresLedger ledger = PostgresLedger.create();
    final PostgresItemStore items =
            new PostgresItemStore(ledger.jdbc, new JdbcTemplate(ledger.schema.dataSource()), ledger.clock);
    final ChangeFeed feed = new ChangeFeed(ledger.jdbc, JsonMapper.builder().build());

    long newConnection() {
        GoogleConnection connection = ledger.newConnection();
        return connection.id();
    }

    /** Writes in a transaction of its own, as a sync page does. */
    ItemWrite write(Source source, long connection, SyncedItem... items) {
        return ledger.transactions.execute(s -> this.items.write(SyncedTables.of(source), connection,
                List.of(items), null));
    }

    static SyncedItem message(String id, String subject) {
        return SyncedItem.live(List.of(id), Map.of("thread_id", "t-" + id, "subject", subject,
                        "label_ids", List.of("INBOX"), "internal_date", Instant.parse("2026-11-01T08:00:00Z"),
                        "size_estimate", 1234),
                "{\"id\":\"" + id + "\",\"subject\":\"" + subject + "\",\"labelIds\":[\"INBOX\"]}");
    }

    static SyncedItem event(String calendar, String id, String summary) {
        return SyncedItem.live(List.of(calendar, id), Map.of("status", "confirmed", "summary", summary,
                "start_at", Instant.parse("2026-11-23T09:00:00Z"), "all_day", false),
                "{\"id\":\"" + id + "\",\"summary\":\"" + summary + "\"}");
    }

    static SyncedItem contact(String resource, String name) {
        return SyncedItem.live(List.of(resource), Map.of("display_name", name, "emails", List.of("a@example.test")),
                "{\"resourceName\":\"" + resource + "\"}");
    }

    static SyncedItem task(String list, String id, String title) {
        return SyncedItem.live(List.of(list, id), Map.of("title", title, "status", "needsAction",
                "due", java.time.LocalDate.parse("2026-12-01"), "hidden", false), "{\"id\":\"" + id + "\"}");
    }

    /**
     * Waits until every transaction that has committed so far is below the watermark. The test Postgres is shared
     * with other builds whose write transactions hold xmin back for a moment; the feed is right to wait for them.
     */
    void awaitWatermark() {
        long now = Long.parseLong(ledger.jdbc.sql("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")
                .query(String.class).single());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (xmin() < now) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the watermark did not pass " + now + " within 30 s: a long transaction "
                        + "is open on this Postgres cluster");
            }
            sleep(5);
        }
    }

    long xmin() {
        return Long.parseLong(ledger.jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
                .query(String.class).single());
    }

    ChangePage read(FeedScope scope, FeedCursor since, int limit) {
        return feed.read(scope, Optional.ofNullable(since), Set.of(), limit);
    }

    /** Every change from {@code since} on, page by page. */
    List<Change> readAll(FeedScope scope, FeedCursor since, Set<Source> sources, int limit) {
        List<Change> all = new ArrayList<>();
        Optional<FeedCursor> cursor = Optional.ofNullable(since);
        ChangePage page;
        do {
            page = feed.read(scope, cursor, sources, limit);
            all.addAll(page.changes());
            cursor = Optional.of(page.next());
        } while (page.hasMore());
        return all;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ledger.close();
    }
}
