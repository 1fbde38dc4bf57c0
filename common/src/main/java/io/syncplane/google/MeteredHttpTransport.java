package io.syncplane.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import io.syncplane.metrics.SyncplaneMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one place every answer from Google passes (API clients, token refreshes, watch calls, code exchanges and
 * revocations all share the transport bean): counts error answers and transport failures as
 * {@code syncplane_google_errors_total{api, status, reason}}. An error body is small; it is read into memory once,
 * parsed for its reason ({@link GoogleErrorReason}) and handed on unchanged, so the client library and
 * {@link GoogleErrors} see exactly what Google sent.
 *
 * <p>Not seen here: the parts of a batch answer (Gmail's metadata batches): the batch itself is one 200 and its parts
 * are parsed by the client library without a transport. A rate limit inside a batch still surfaces as the sync's
 * rate-limited outcome ({@code syncplane_sync_jobs_rate_limited_total}).
 */
public final class MeteredHttpTransport extends DelegatingLowLevel.Transport {

    /** An error body beyond this is not Google's JSON error; only this much is kept for parsing. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final SyncplaneMetrics metrics;

    public MeteredHttpTransport(HttpTransport delegate, SyncplaneMetrics metrics) {
        super(delegate);
        this.metrics = metrics;
    }

    @Override
    public void shutdown() throws IOException {
        delegate.shutdown();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) throws IOException {
        return new Request(delegateRequest(method, url), GoogleErrorReason.api(url));
    }

    private final class Request extends DelegatingLowLevel.Request {
        private final String api;

        Request(LowLevelHttpRequest inner, String api) {
            super(inner);
            this.api = api;
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            LowLevelHttpResponse response;
            try {
                response = executeInner();
            } catch (IOException e) {
                metrics.googleError(api, "io", "none");
                throw e;
            }
            int status = response.getStatusCode();
            if (status < 400) {
                return response;
            }
            byte[] body = readBody(response);
            metrics.googleError(api, Integer.toString(status), GoogleErrorReason.reason(decoded(body,
                    response.getContentEncoding())));
            return new BufferedResponse(response, body);
        }

        private byte[] decoded(byte[] body, String encoding) {
            if (encoding == null || !encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
                return body;
            }
            try (InputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(body))) {
                return in.readNBytes(MAX_ERROR_BODY);
            } catch (IOException e) {
                return new byte[0];
            }
        }

        private byte[] readBody(LowLevelHttpResponse response) {
            try (InputStream in = response.getContent()) {
                return in == null ? new byte[0] : in.readNBytes(MAX_ERROR_BODY);
            } catch (IOException e) {
                return new byte[0];
            }
        }
    }

    /** An error answer whose body has been read: the same answer, the body from memory. */
    private static final class BufferedResponse extends DelegatingLowLevel.Response {
        private final byte[] body;

        BufferedResponse(LowLevelHttpResponse inner, byte[] body) {
            super(inner);
            this.body = body;
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public long getContentLength() {
            return body.length;
        }
    }
}
