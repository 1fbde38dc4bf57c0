package io.syncplane.feed;

import io.syncplane.concurrent.DaemonThreads;
import io.syncplane.store.PostgresItemStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes change-feed long-polls when a write commits: LISTENs on {@link PostgresItemStore#CHANGES_CHANNEL} over ONE
 * dedicated connection (not from the pool: it is held for the life of the service) on a daemon thread, and hands
 * each notification (payload: the connection id) to the subscribers interested in it.
 *
 * <p>A notification is a hint, never the truth: the feed is always re-read. While the connection is down (Postgres
 * restarted, network cut) the listener reconnects with exponential backoff, and on every (re)connect it wakes all
 * subscribers, since notifications sent in the gap are lost. Callers must also re-read periodically on their own
 * ({@link LongPoll} does), so a lost notification delays a poll but never hangs it.
 */
public final class ChangeNotifications implements AutoCloseable {

    /** Opens the dedicated connection; called again after each loss. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(ChangeNotifications.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration HEALTH_CHECK = Duration.ofSeconds(5);

    private final ConnectionOpener opener;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection current;

    public ChangeNotifications(ConnectionOpener opener, Duration minBackoff, Duration maxBackoff) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.thread = DaemonThreads.named("change-notifications-").newThread(this::listen);
    }

    public static ChangeNotifications start(ConnectionOpener opener) {
        ChangeNotifications notifications = new ChangeNotifications(opener, Duration.ofMillis(100),
                Duration.ofSeconds(10));
        notifications.start();
        return notifications;
    }

    public void start() {
        thread.start();
    }

    /** True while LISTEN is active on a live connection. */
    public boolean isListening() {
        return listening;
    }

    /**
     * Starts collecting notifications for these connections (empty: any) from now on. Subscribe BEFORE reading the
     * feed, then {@link Subscription#await} after an empty read: a commit between the read and the wait is not missed.
     */
    public Subscription subscribe(Set<Long> connectionIds) {
        Subscription subscription = new Subscription(Set.copyOf(connectionIds));
        subscriptions.add(subscription);
        return subscription;
    }

    /** Waits until a notification for one of these connections (empty: any) arrives, or {@code maxWait} passes. */
    public boolean await(Set<Long> connectionIds, Duration maxWait) throws InterruptedException {
        try (Subscription subscription = subscribe(connectionIds)) {
            return subscription.await(maxWait);
        }
    }

    private void listen() {
        Duration backoff = minBackoff;
        while (running) {
            try (Connection connection = opener.open()) {
                current = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + PostgresItemStore.CHANGES_CHANNEL);
                }
                listening = true;
                backoff = minBackoff;
                wakeAll(); // whatever was sent while we were not listening is lost: everyone re-reads
                receive(connection.unwrap(PGConnection.class), connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("change notifications: connection lost ({}); reconnecting in {} ms", e.getMessage(),
                        backoff.toMillis());
            } finally {
                listening = false;
                current = null;
            }
            if (running) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private void receive(PGConnection pg, Connection connection) throws SQLException {
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
            if (notifications != null && notifications.length > 0) {
                quietSince = System.nanoTime();
                for (PGNotification notification : notifications) {
                    dispatch(notification.getParameter());
                }
            } else if (System.nanoTime() - quietSince > HEALTH_CHECK.toNanos()) {
                // a dead peer without a FIN would otherwise look like a quiet channel forever
                if (!connection.isValid((int) HEALTH_CHECK.toSeconds())) {
                    throw new SQLException("the LISTEN connection stopped answering");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void dispatch(String payload) {
        long connectionId;
        try {
            connectionId = Long.parseLong(payload);
        } catch (NumberFormatException e) {
            log.debug("change notifications: ignoring payload '{}'", payload);
            return;
        }
        for (Subscription subscription : subscriptions) {
            if (subscription.connectionIds.isEmpty() || subscription.connectionIds.contains(connectionId)) {
                subscription.wake();
            }
        }
    }

    private void wakeAll() {
        subscriptions.forEach(Subscription::wake);
    }

    @Override
    public void close() {
        running = false;
        Connection connection = current;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the LISTEN connection: {}", e.getMessage());
            }
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        wakeAll();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Notifications for some connections since it was opened; close it when done. */
    public final class Subscription implements AutoCloseable {

        private final Set<Long> connectionIds;
        private final Semaphore signal = new Semaphore(0);

        private Subscription(Set<Long> connectionIds) {
            this.connectionIds = connectionIds;
        }

        private void wake() {
            if (signal.availablePermits() == 0) {
                signal.release();
            }
        }

        /**
         * Returns true as soon as a matching notification arrived since the subscription opened or since the last
         * await that returned true; false when {@code maxWait} passed without one.
         */
        public boolean await(Duration maxWait) throws InterruptedException {
            boolean woken = signal.tryAcquire(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS);
            signal.drainPermits();
            return woken;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }
}
