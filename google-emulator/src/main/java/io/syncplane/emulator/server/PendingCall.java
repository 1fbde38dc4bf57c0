package io.syncplane.emulator.server;

import io.syncplane.emulator.http.ApiResponse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A call that has passed routing, auth, quota and fault decisions, waiting to be run after {@code delay} (injected
 * latency) or dropped. Releases its concurrency slot exactly once, whichever way it ends.
 */
public final class PendingCall {

    private static final Runnable NOTHING = () -> { };

    private final Duration delay;
    private final boolean drop;
    private final Supplier<ApiResponse> work;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    PendingCall(Duration delay, boolean drop, Supplier<ApiResponse> work, Runnable release) {
        this.delay = delay;
        this.drop = drop;
        this.work = work;
        this.release = release;
    }

    static PendingCall finished(ApiResponse response) {
        return new PendingCall(Duration.ZERO, false, () -> response, NOTHING);
    }

    public Duration delay() {
        return delay;
    }

    public boolean drop() {
        return drop;
    }

    public ApiResponse complete() {
        try {
            return work.get();
        } finally {
            abandon();
        }
    }

    public void abandon() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
