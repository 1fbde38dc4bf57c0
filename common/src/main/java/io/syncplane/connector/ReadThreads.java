package io.syncplane.connector;

import io.syncplane.concurrent.DaemonThreads;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that read from Google beside the syncs' own threads (a full sync's next page read ahead, a page's
 * metadata batches in flight), shared by every sync of this process and bounded. Unbounded pools gave a worker at 200
 * concurrent syncs 700 such threads besides its 200 sync threads (scale bench, 2026-12-03): about 110 KiB of touched
 * stack each, and many more threads than requests that can be on the wire (the HTTP pool has 128 connections per
 * route; the per-user request budget parks most of them anyway).
 *
 * <p>Nothing waits in a queue here: a read starts on a free thread at once or is not started at all, and then the
 * sync's own thread runs it ({@link #orHere} right away, {@link #join} when the result is needed). So a busy
 * pool slows a sync down to reading inline, as without read-ahead, but never stalls it; a read that waits for reads of
 * its own (a read ahead waiting for its metadata batches) cannot deadlock the pool; and a request is sent when its
 * quota was booked, not later from a queue, where several booked a second apart could leave together and exceed
 * Gmail's per-user rate.
 */
public final class ReadThreads {

    /**
     * Enough for one sync's read-ahead and four batches in flight several times over (the ingest bench's single full
     * sync keeps 5 busy), and for the batches a worker's users are allowed at once by Gmail's per-user quota; beyond
     * that, extra threads only wait for permits or connections.
     */
    public static final int THREADS = 32;

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), DaemonThreads.named("google-read-"), new ThreadPoolExecutor.AbortPolicy());

    private static final Executor OR_HERE = command -> {
        try {
            POOL.execute(command);
        } catch (RejectedExecutionException busy) {
            command.run();
        }
    };

    private ReadThreads() {
    }

    /**
     * Starts the read on a free thread; when none is free it stays unstarted, and {@link #join} runs it. Take the
     * result with {@link #join}, or {@code cancel(true)} it when nobody will.
     */
    public static <T> FutureTask<T> start(Callable<T> read) {
        FutureTask<T> task = new FutureTask<>(read);
        try {
            POOL.execute(task);
        } catch (RejectedExecutionException busy) {
            // every thread is reading: the caller will
        }
        return task;
    }

    /** Runs what it is given on a free thread, or, when none is free, here before returning. */
    public static Executor orHere() {
        return OR_HERE;
    }

    /**
     * Its result: runs the task here when no pool thread took it ({@link FutureTask#run} does nothing for a task that
     * is running or done), else waits for the thread running it.
     */
    public static <T> T join(FutureTask<T> task) throws InterruptedException, ExecutionException {
        task.run();
        return task.get();
    }
}
