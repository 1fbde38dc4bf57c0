package io.syncplane.feed;

import static io.syncplane.feed.FeedFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LongPollTest {

    private final FeedFixture f = new FeedFixture();
    private ChangeNotifications notifications;

    @AfterEach
    void tearDown() {
        if (notifications != null) {
            notifications.close();
        }
        f.close();
    }

    @Test
    void changes_already_there_come_back_at_once() throws Exception {
        LongPoll poll = new LongPoll(listening(), Duration.ofSeconds(1));
        long c = f.newConnection();
        f.write(Source.GMAIL, c, message("m1", "a"));
        f.awaitWatermark();

        long started = System.nanoTime();
        ChangePage page = poll.poll(Set.of(c), Duration.ofSeconds(10), reader(c, null));

        assertThat(page.changes()).extracting(Change::id).containsExactly("m1");
        assertThat((System.nanoTime() - started) / 1e6).isLessThan(1_000);
    }

    @Test
    void an_empty_poll_waits_for_the_next_commit_and_returns_it() throws Exception {
        LongPoll poll = new LongPoll(listening(), Duration.ofSeconds(5)); // fallback too slow to matter here
        long c = f.newConnection();
        FeedCursor start = f.read(FeedScope.connections(Set.of(c)), null, 10).next();
        long[] committedAt = new long[1];
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            FeedFixture.sleep(300);
            f.write(Source.GMAIL, c, message("m1", "a"));
            committedAt[0] = System.nanoTime();
        });

        ChangePage page = poll.poll(Set.of(c), Duration.ofSeconds(20), reader(c, start));
        long returnedAt = System.nanoTime();
        writer.get();

        assertThat(page.changes()).extracting(Change::id).containsExactly("m1");
        System.out.printf("commit -> long-poll answer: %.1f ms%n", (returnedAt - committedAt[0]) / 1e6);
    }

    @Test
    void without_changes_it_answers_an_empty_page_when_the_wait_ends() throws Exception {
        LongPoll poll = new LongPoll(listening(), Duration.ofMillis(200));
        long c = f.newConnection();
        long started = System.nanoTime();

        ChangePage page = poll.poll(Set.of(c), Duration.ofMillis(700), reader(c, null));

        assertThat(page.changes()).isEmpty();
        assertThat((System.nanoTime() - started) / 1e6).isBetween(690.0, 3_000.0);
    }

    @Test
    void with_notifications_down_the_fallback_rereads_still_find_the_commit() throws Exception {
        notifications = new ChangeNotifications(() -> {
            throw new SQLException("Postgres is away");
        }, Duration.ofMillis(50), Duration.ofMillis(200));
        notifications.start();
        LongPoll poll = new LongPoll(notifications, Duration.ofMillis(250));
        long c = f.newConnection();
        CompletableFuture.runAsync(() -> {
            FeedFixture.sleep(200);
            f.write(Source.GMAIL, c, message("m1", "a"));
        });

        ChangePage page = poll.poll(Set.of(c), Duration.ofSeconds(20), reader(c, null));

        assertThat(page.changes()).extracting(Change::id).containsExactly("m1");
    }

    private Supplier<ChangePage> reader(long connection, FeedCursor since) {
        return () -> f.ledger.transactions.execute(s -> f.feed.read(FeedScope.connections(Set.of(connection)),
                Optional.ofNullable(since), Set.of(), 100));
    }

    private ChangeNotifications listening() {
        notifications = ChangeNotifications.start(() -> DriverManager.getConnection(f.ledger.schema.jdbcUrl(),
                f.ledger.schema.user(), f.ledger.schema.password()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(notifications::isListening);
        return notifications;
    }
}
