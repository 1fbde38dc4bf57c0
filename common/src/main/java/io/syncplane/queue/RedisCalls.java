package io.syncplane.queue;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for Redis and turns its failures into the two kinds callers care about: unavailable, or a bug. */
public final class RedisCalls {

    /**
     * Server replies that mean "not now" rather than "wrong": the same call can succeed later (a replica being
     * promoted, a restart loading its data, memory freed). MOVED is not among them: a standalone connection to a
     * cluster node is a configuration error.
     */
    private static final List<String> TRANSIENT_REPLIES = List.of(
            "LOADING", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "BUSY", "OOM");

    private RedisCalls() {
    }

    public static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new QueueUnavailableException("interrupted while waiting for Redis (" + what + ")", e);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new QueueUnavailableException("Redis did not answer within " + timeout + " (" + what + ")", e);
        } catch (ExecutionException | CompletionException | CancellationException e) {
            throw translate(e, what);
        }
    }

    public static RuntimeException translate(Throwable failure, String what) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RedisCommandExecutionException && !isTransientReply(cause.getMessage())) {
            return new IllegalStateException("queue call failed in Redis (" + what + "): " + cause.getMessage(), cause);
        }
        if (cause instanceof RedisException || cause instanceof IOException || cause instanceof CancellationException
                || cause instanceof TimeoutException) {
            return new QueueUnavailableException("Redis unavailable (" + what + "): " + cause.getMessage(), cause);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("queue call failed (" + what + ")", cause);
    }

    private static boolean isTransientReply(String message) {
        if (message == null) {
            return false;
        }
        return TRANSIENT_REPLIES.stream().anyMatch(message::startsWith);
    }
}
