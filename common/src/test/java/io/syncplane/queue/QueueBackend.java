package io.syncplane.queue;

import java.time.Clock;

/** Where a contract test's queues live: a fresh, isolated store per test, removed on close. */
interface QueueBackend extends AutoCloseable {

    /** Opens a queue on this store; each call behaves as another worker process would. */
    SyncQueue open(QueueSettings settings, Clock clock);

    /** Default settings, pointed at this store's isolated keys. */
    QueueSettings baseSettings();

    @Override
    void close();
}
