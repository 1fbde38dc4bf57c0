package io.syncplane.emulator;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The emulator's own background threads (all daemons): a scheduler and a small pool for push HTTP. */
final class EmulatorThreads implements AutoCloseable {

    final ScheduledExecutorService scheduler;
    final ExecutorService pushHttp;

    EmulatorThreads() {
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(2, daemons("emulator-scheduler"));
        scheduled.setRemoveOnCancelPolicy(true);
        this.scheduler = scheduled;
        ThreadPoolExecutor push = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemons("emulator-push"));
        push.allowCoreThreadTimeOut(true);
        this.pushHttp = push;
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        pushHttp.shutdownNow();
    }
}
