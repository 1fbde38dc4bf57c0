package io.syncplane.emulator.push;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/** Sends push requests asynchronously and redelivers with exponential backoff, as Google does. */
final class PushDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(PushDelivery.class);

    private final HttpClient client;
    private final ScheduledExecutorService scheduler;

    PushDelivery(HttpClient client, ScheduledExecutorService scheduler) {
        this.client = client;
        this.scheduler = scheduler;
    }

    /**
     * Delivers the request built by {@code request} (rebuilt per attempt, so tokens are fresh); completes with true
     * once a response satisfies {@code acked}, false after the last attempt. Responses failing {@code retryable}
     * are not retried.
     */
    CompletableFuture<Boolean> deliver(Supplier<HttpRequest> request, IntPredicate acked, IntPredicate retryable,
                                       Duration backoff, int maxAttempts) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        attempt(request, acked, retryable, backoff, maxAttempts, 1, result);
        return result;
    }

    private void attempt(Supplier<HttpRequest> request, IntPredicate acked, IntPredicate retryable,
                         Duration backoff, int maxAttempts, int attempt, CompletableFuture<Boolean> result) {
        HttpRequest built;
        try {
            built = request.get();
        } catch (RuntimeException e) {
            LOG.warn("cannot build push request", e);
            result.complete(false);
            return;
        }
        client.sendAsync(built, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            boolean retry;
            if (failure == null) {
                int status = response.statusCode();
                if (acked.test(status)) {
                    result.complete(true);
                    return;
                }
                retry = retryable.test(status);
                LOG.debug("push to {} answered {} (attempt {})", built.uri(), status, attempt);
            } else {
                retry = true;
                LOG.debug("push to {} failed (attempt {}): {}", built.uri(), attempt, failure.toString());
            }
            if (!retry || attempt >= maxAttempts) {
                result.complete(false);
                return;
            }
            long delay = backoff.toMillis() << Math.min(attempt - 1, 10);
            scheduler.schedule(() -> attempt(request, acked, retryable, backoff, maxAttempts, attempt + 1, result),
                    delay, TimeUnit.MILLISECONDS);
        });
    }
}
