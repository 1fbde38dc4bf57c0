package io.syncplane.connector.gmail;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Message;
import io.syncplane.connector.InFlight;
import io.syncplane.connector.ReadThreads;
import io.syncplane.google.GoogleErrors;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;

/**
 * Reads messages in format=metadata through Gmail's batch endpoint, paced to the quota. A message that answers 404 was
 * deleted since it was listed and is reported as gone. Any other failed part fails the whole fetch, as the exception
 * Google would have thrown for that request alone, so a rate limit inside a batch is handled like any other: the page
 * is not written and the run stops at its last checkpoint.
 */
final class GmailMetadataFetcher {

    /** Longer than a batch's own HTTP timeouts. */
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(30);

    private final GmailQuotaPacer pacer;
    private final int batchSize;
    private final int parallelism;

    GmailMetadataFetcher(GmailQuotaPacer pacer, int batchSize, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.pacer = pacer;
        this.batchSize = batchSize;
        this.parallelism = parallelism;
    }

    /** The messages found, in the order asked for, and the ids Gmail no longer has. */
    record Fetched(List<Message> messages, List<String> gone) {
    }

    /**
     * Fetches in batches, a few in flight at once: one batch at a time leaves both the network and Gmail idle most
     * of the time. The quota pacer is still asked before each batch, so the rate Google allows is never exceeded.
     * The batches run on {@link ReadThreads}, shared by all syncs of the process; when all of them are busy, the caller
     * sends the batch itself at once (the quota just booked is for this moment), so a fetch never waits for a thread.
     */
    Fetched fetch(Gmail gmail, long connectionId, Collection<String> ids) throws IOException, InterruptedException {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += batchSize) {
            chunks.add(all.subList(from, Math.min(all.size(), from + batchSize)));
        }
        List<Parts> answers = new ArrayList<>(chunks.size());
        CompletionService<Parts> inFlight = new ExecutorCompletionService<>(ReadThreads.orHere());
        InFlight batches = new InFlight();
        List<Future<Parts>> started = new ArrayList<>();
        try {
            for (int next = 0, done = 0; done < chunks.size(); done++) {
                while (next < chunks.size() && next - done < parallelism) {
                    List<String> chunk = chunks.get(next++);
                    pacer.acquire(connectionId, GmailQuotaPacer.MESSAGE_GET_UNITS * chunk.size());
                    started.add(inFlight.submit(batches.tracked(() -> fetchBatch(gmail, chunk))));
                }
                inFlight.take();
            }
            for (Future<Parts> future : started) {
                answers.add(future.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime; // e.g. the token provider's ReauthorizationRequiredException, as if called inline
            }
            throw new IOException("batched messages.get failed", e.getCause());
        } finally {
            started.forEach(future -> future.cancel(true));
            // a failed or interrupted page returns only once its other batches are off the wire
            batches.closeAndAwait(ABANDON_WAIT);
        }
        return combine(answers);
    }

    private static Parts fetchBatch(Gmail gmail, List<String> chunk) throws IOException {
        Parts parts = new Parts();
        BatchRequest batch = gmail.batch();
        for (String id : chunk) {
            gmail.users().messages().get("me", id).setFormat("metadata")
                    .setMetadataHeaders(GmailMessageMapper.METADATA_HEADERS)
                    .queue(batch, parts.callback(id));
        }
        batch.execute();
        return parts;
    }

    /** In the order asked for; a rate limit anywhere wins over other failures, as it decides when to try again. */
    private static Fetched combine(List<Parts> answers) throws GoogleJsonResponseException {
        List<GoogleJsonResponseException> failures = new ArrayList<>();
        answers.forEach(parts -> failures.addAll(parts.failures));
        for (GoogleJsonResponseException failure : failures) {
            if (GoogleErrors.isRateLimit(failure)) {
                throw failure;
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        List<Message> messages = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (Parts parts : answers) {
            messages.addAll(parts.messages);
            gone.addAll(parts.gone);
        }
        return new Fetched(messages, gone);
    }

    /** The answers of one batch, part by part. */
    private static final class Parts {
        private final List<Message> messages = new ArrayList<>();
        private final List<String> gone = new ArrayList<>();
        private final List<GoogleJsonResponseException> failures = new ArrayList<>();

        JsonBatchCallback<Message> callback(String id) {
            return new JsonBatchCallback<>() {
                @Override
                public void onSuccess(Message message, HttpHeaders headers) {
                    messages.add(message);
                }

                @Override
                public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                    if (error.getCode() == 404) {
                        gone.add(id);
                    } else {
                        failures.add(asException(error, headers, id));
                    }
                }
            };
        }

        private static GoogleJsonResponseException asException(GoogleJsonError error, HttpHeaders headers,
                                                               String id) {
            HttpResponseException.Builder builder = new HttpResponseException.Builder(error.getCode(),
                    error.getMessage(), headers == null ? new HttpHeaders() : headers)
                    .setMessage(error.getCode() + " " + error.getMessage() + " (batched messages.get " + id + ")");
            return new GoogleJsonResponseException(builder, error);
        }
    }
}
