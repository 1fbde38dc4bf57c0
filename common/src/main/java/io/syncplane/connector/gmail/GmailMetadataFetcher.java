package io.syncplane.connector.gmail;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Message;
import io.syncplane.google.GoogleErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads messages in format=metadata through Gmail's batch endpoint, paced to the quota. A message that answers 404 was
 * deleted since it was listed and is reported as gone. Any other failed part fails the whole fetch, as the exception
 * Google would have thrown for that request alone, so a rate limit inside a batch is handled like any other: the page
 * is not written and the run stops at its last checkpoint.
 */
final class GmailMetadataFetcher {

    private final GmailQuotaPacer pacer;
    private final int batchSize;

    GmailMetadataFetcher(GmailQuotaPacer pacer, int batchSize) {
        this.pacer = pacer;
        this.batchSize = batchSize;
    }

    /** The messages found, in the order asked for, and the ids Gmail no longer has. */
    record Fetched(List<Message> messages, List<String> gone) {
    }

    Fetched fetch(Gmail gmail, long connectionId, Collection<String> ids) throws IOException, InterruptedException {
        List<String> all = List.copyOf(ids);
        List<Message> messages = new ArrayList<>(all.size());
        List<String> gone = new ArrayList<>();
        for (int from = 0; from < all.size(); from += batchSize) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + batchSize));
            pacer.acquire(connectionId, GmailQuotaPacer.MESSAGE_GET_UNITS * chunk.size());
            Parts parts = new Parts();
            BatchRequest batch = gmail.batch();
            for (String id : chunk) {
                gmail.users().messages().get("me", id).setFormat("metadata")
                        .setMetadataHeaders(GmailMessageMapper.METADATA_HEADERS)
                        .queue(batch, parts.callback(id));
            }
            batch.execute();
            parts.throwFirstFailure();
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

        /** A rate limit wins over other failures: it decides when the run may try again. */
        void throwFirstFailure() throws GoogleJsonResponseException {
            for (GoogleJsonResponseException failure : failures) {
                if (GoogleErrors.isRateLimit(failure)) {
                    throw failure;
                }
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
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
