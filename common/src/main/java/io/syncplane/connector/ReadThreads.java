package io.syncplane.connector;

import io.syncplane.concurrent.DaemonThreads;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that read from Google beside the syncs' own threads (a full sync's next page read ahead, a page's
 * metadata batches in flight), shared by every sync of this process and bounded. Unbounded pools gave a worker at 200
 * concurrent syncs 660 such threads besides its 200 sync threads (scale bench, 2026-12-03): about 110 KiB of touched
 * stack each, and many more threads than requests that can be on the wire (the HTTP pool has 128 connections per
 * route; the per-user request budget parks most of them anyway).
 *
 * <p>A task handed here may be run by whoever waits for it: {@link #join} runs a task that no pool thread has begun on
 * the waiting thread itself. So a busy pool slows a sync down to reading inline, as without read-ahead, but never
 * stalls it; and a task that waits for other tasks (a read ahead waiting for its metadata batches) cannot deadlock the
 * pool, because every waiter either runs what it waits for or waits for a task that a thread is running.
 */
public final class ReadThreads {

    /**
     * Enough for one sync's read-ahead and four batches in flight several times over (the ingest bench's single full
     * sync keeps 5 busy), and for the batches a worker's users are allowed at once by Gmail's per-user quota; beyond
     * that, extra threads only wait for permits or connections.
     */
    public static final int THREADS = 32;

    private static final ThreadPoolExecutor POOL = pool();

    private ReadThreads() {
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named("google-read-"));
        pool.allowCoreThreadTimeOut(true); // an idle worker keeps none
        return pool;
    }

    /** Queues a read; take its result with {@link #join}, or {@code cancel(true)} it when nobody will. */
    public static <T> FutureTask<T> start(Callable<T> read) {
        FutureTask<T> task = new FutureTask<>(read);
        POOL.execute(task); // a task already run or cancelled by the time a thread takes it does nothing
        return task;
    }

    /**
     * Its result: runs the task here when no pool thread has begun it ({@link FutureTask#run} does nothing for a task
     * that is running or done), else waits for the thread running it.
     */
    public static <T> T join(FutureTask<T> task) throws InterruptedException, ExecutionException {
        task.run();
        return task.get();
    }
}
