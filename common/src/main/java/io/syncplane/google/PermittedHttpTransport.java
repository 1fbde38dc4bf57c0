package io.syncplane.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import io.syncplane.limits.RequestLimits;
import io.syncplane.limits.RequestPermits;
import io.syncplane.limits.RequestPermits.Permit;
import io.syncplane.limits.RequestScope;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.function.LongUnaryOperator;

/**
 * One API client's view of the shared transport: every request it sends first takes a permit from the user's budget
 * ({@link RequestPermits}). A batch is one HTTP request, so it takes one permit; its parts still count against
 * Google's quota units, which the connectors' own pacing handles. The permit is held until the answer has been read
 * (its body closed or the response disconnected), so the in-flight cap counts requests Google is still working on.
 *
 * <p>At the transport rather than in an {@link com.google.api.client.http.HttpExecuteInterceptor}: an interceptor
 * sees no failure of the exchange itself, so a cut connection would keep its permit until the lease ran out.
 */
final class PermittedHttpTransport extends DelegatingLowLevel.Transport {

    private final RequestPermits permits;
    private final RequestLimits limits;
    private final LongUnaryOperator userOf;
    private final RequestScope scope;

    /** {@code userOf}: the user who owns a connection (whose budget its requests spend). */
    PermittedHttpTransport(HttpTransport delegate, RequestPermits permits, RequestLimits limits,
                           LongUnaryOperator userOf, RequestScope scope) {
        super(delegate);
        this.permits = permits;
        this.limits = limits;
        this.userOf = userOf;
        this.scope = scope;
    }

    /** The shared transport outlives every client: it is shut down with its bean, not here. */
    @Override
    public void shutdown() {
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) throws IOException {
        return new Request(delegateRequest(method, url));
    }

    private Permit acquire() throws IOException {
        double weight = limits.weight(scope.source(), scope.backfilling().getAsBoolean());
        try {
            return permits.acquire(userOf.applyAsLong(scope.connectionId()), weight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted waiting for a request permit");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private final class Request extends DelegatingLowLevel.Request {

        Request(LowLevelHttpRequest inner) {
            super(inner);
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            Permit permit = acquire();
            try {
                return new PermitHoldingResponse(executeInner(), permit);
            } catch (IOException | RuntimeException | Error e) {
                permit.close();
                throw e;
            }
        }
    }

    /** The answer, with the permit released once it has been read or abandoned. */
    private static final class PermitHoldingResponse extends DelegatingLowLevel.Response {
        private final Permit permit;

        PermitHoldingResponse(LowLevelHttpResponse inner, Permit permit) {
            super(inner);
            this.permit = permit;
        }

        @Override
        public InputStream getContent() throws IOException {
            InputStream content = inner.getContent();
            if (content == null) {
                permit.close();
                return null;
            }
            return new FilterInputStream(content) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b < 0) {
                        permit.close();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n < 0) {
                        permit.close();
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        permit.close();
                    }
                }
            };
        }

        @Override
        public void disconnect() throws IOException {
            try {
                inner.disconnect();
            } finally {
                permit.close();
            }
        }
    }
}
