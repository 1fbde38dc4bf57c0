package io.syncplane.connector;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the next page of a listing on another thread while the caller writes the last one, at most one page ahead.
 * A full sync otherwise alternates between waiting for Google and waiting for Postgres; with one page in flight the
 * two overlap. Only the read moves: the caller still maps and commits every page itself, in order, each with the
 * checkpoint after it, so what a crash leaves is exactly what it left before (the page read ahead was never written,
 * and the committed checkpoint names it as the next to read). The read runs on {@link ReadThreads}, shared by all syncs
 * of the process; when none of them is free as the read starts, the caller reads the page when it takes it.
 *
 * @param <P> what a read returns
 */
public final class ReadAhead<P> implements AutoCloseable {

    /** One page's read: the requests to Google and their parsed answers, nothing that touches the session. */
    @FunctionalInterface
    public interface Read<P> {
        P read() throws IOException, InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(ReadAhead.class);
    /** Longer than a read's own HTTP timeouts: a read still running after this is left behind (and logged). */
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(30);

    private final boolean ahead;
    private final InFlight inFlight = new InFlight();
    private FutureTask<P> pending;
    private Read<P> deferred;

    private ReadAhead(boolean ahead) {
        this.ahead = ahead;
    }

    /** Reads on another thread from {@link #start} on, if a shared one is free then. */
    public static <P> ReadAhead<P> onAnotherThread() {
        return new ReadAhead<>(true);
    }

    /**
     * Reads on the caller's thread when the page is taken, as a sync without read-ahead does: a fault injected between
     * two pages then hits exactly the next page.
     */
    public static <P> ReadAhead<P> inline() {
        return new ReadAhead<>(false);
    }

    public static <P> ReadAhead<P> of(boolean ahead) {
        return ahead ? onAnotherThread() : inline();
    }

    /** Starts reading; the previous read must have been taken. */
    public void start(Read<P> read) {
        if (pending != null || deferred != null) {
            throw new IllegalStateException("a read is already outstanding");
        }
        if (ahead) {
            pending = ReadThreads.start(inFlight.tracked(read::read));
        } else {
            deferred = read;
        }
    }

    /** Waits for the outstanding read; its failure is thrown as the read threw it, as if it had run inline. */
    public P take() throws IOException, InterruptedException {
        if (deferred != null) {
            Read<P> read = deferred;
            deferred = null;
            return read.read();
        }
        if (pending == null) {
            throw new IllegalStateException("no read outstanding");
        }
        FutureTask<P> taken = pending;
        pending = null;
        try {
            return ReadThreads.join(taken);
        } catch (InterruptedException e) {
            taken.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime; // e.g. the token provider's ReauthorizationRequiredException
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("read-ahead failed", cause);
        }
    }

    /**
     * Abandons a read nobody will take (the run stopped or failed): its answer is never written, and the run does not
     * end before the read has stopped sending requests.
     */
    @Override
    public void close() {
        deferred = null;
        if (pending != null) {
            pending.cancel(true);
            pending = null;
        }
        if (!inFlight.closeAndAwait(ABANDON_WAIT)) {
            log.warn("An abandoned read-ahead was still running after {} s; leaving it", ABANDON_WAIT.toSeconds());
        }
    }
}
