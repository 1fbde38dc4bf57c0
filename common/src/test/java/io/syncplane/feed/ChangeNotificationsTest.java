package io.syncplane.feed;

import static io.syncplane.feed.FeedFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.domain.Source;
import io.syncplane.store.SyncedTables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class ChangeNotificationsTest {

    private final FeedFixture f = new FeedFixture();
    private final AtomicInteger backendPid = new AtomicInteger();
    private ChangeNotifications notifications;

    @BeforeEach
    void setUp() {
        // NOTIFY is database-wide and other test schemas share the database: connection ids far from theirs
        f.ledger.jdbc.sql("ALTER TABLE google_connection ALTER COLUMN id RESTART WITH "
                + ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L)).update();
        notifications = new ChangeNotifications(() -> {
            Connection connection = DriverManager.getConnection(f.ledger.schema.jdbcUrl(), f.ledger.schema.user(),
                    f.ledger.schema.password());
            backendPid.set(connection.unwrap(PGConnection.class).getBackendPID());
            return connection;
        }, Duration.ofMillis(50), Duration.ofMillis(400));
        notifications.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(notifications::isListening);
    }

    @AfterEach
    void tearDown() {
        notifications.close();
        f.close();
    }

    @Test
    void a_commit_wakes_a_waiter_of_its_connection_within_milliseconds() throws Exception {
        long c = f.newConnection();
        try (ChangeNotifications.Subscription subscription = notifications.subscribe(Set.of(c))) {
            long[] committedAt = new long[1];
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                FeedFixture.sleep(100);
                f.write(Source.GMAIL, c, message("m1", "a"));
                committedAt[0] = System.nanoTime();
            });

            boolean woken = subscription.await(Duration.ofSeconds(10));
            long wokenAt = System.nanoTime();
            writer.get();

            assertThat(woken).isTrue();
            double latencyMs = (wokenAt - committedAt[0]) / 1e6;
            System.out.printf("commit -> wake-up: %.2f ms%n", latencyMs);
            assertThat(latencyMs).isLessThan(500);
        }
    }

    @Test
    void a_wait_without_a_notification_ends_empty_at_its_timeout() throws Exception {
        long started = System.nanoTime();

        boolean woken = notifications.await(Set.of(f.newConnection()), Duration.ofMillis(300));

        assertThat(woken).isFalse();
        assertThat((System.nanoTime() - started) / 1e6).isBetween(290.0, 2_000.0);
    }

    @Test
    void another_connections_commit_a_rollback_and_an_unchanged_write_wake_nobody() throws Exception {
        long mine = f.newConnection();
        long other = f.newConnection();
        try (ChangeNotifications.Subscription subscription = notifications.subscribe(Set.of(mine))) {
            f.write(Source.GMAIL, mine, message("same", "a"));
            assertThat(subscription.await(Duration.ofSeconds(10))).isTrue(); // its own notification, consumed
            f.write(Source.GMAIL, other, message("m1", "a"));
            f.ledger.transactions.executeWithoutResult(s -> {
                f.items.write(SyncedTables.GMAIL_MESSAGE, mine, List.of(message("m2", "a")), null);
                s.setRollbackOnly();
            });
            f.write(Source.GMAIL, mine, message("same", "a")); // unchanged: no rows written, no signal

            assertThat(subscription.await(Duration.ofMillis(300))).isFalse();
        }
        try (ChangeNotifications.Subscription any = notifications.subscribe(Set.of())) {
            f.write(Source.GMAIL, other, message("m3", "a"));
            assertThat(any.await(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void after_the_connection_is_killed_it_reconnects_wakes_everyone_and_delivers_again() throws Exception {
        long c = f.newConnection();
        int firstPid = backendPid.get();
        try (ChangeNotifications.Subscription subscription = notifications.subscribe(Set.of(c))) {
            f.ledger.jdbc.sql("SELECT pg_terminate_backend(?)").param(firstPid).query(Boolean.class).single();

            // notifications sent while it was down are lost, so the reconnect wakes every subscriber
            assertThat(subscription.await(Duration.ofSeconds(10))).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> notifications.isListening() && backendPid.get() != firstPid);

            f.write(Source.GMAIL, c, message("m1", "a"));
            assertThat(subscription.await(Duration.ofSeconds(10))).isTrue();
        }
    }
}
