package io.syncplane.bench.faults;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the run started, closed newest first exactly once: at the end of the run, or from a shutdown hook when
 * the bench is stopped with Ctrl-C or SIGTERM, so no worker, emulator, Redis or Postgres outlives it.
 */
final class Cleanup {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;

    Cleanup() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "faults-cleanup"));
    }

    synchronized <T extends AutoCloseable> T add(T resource) {
        started.push(resource);
        return resource;
    }

    synchronized void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                Log.info("cleanup: %s", e.getMessage());
            }
        }
    }
}
