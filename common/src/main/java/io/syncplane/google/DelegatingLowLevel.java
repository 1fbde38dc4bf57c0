package io.syncplane.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * Forwarding bases for the transport decorators ({@link MeteredHttpTransport}, {@link PermittedHttpTransport}): a
 * transport, a request and an answer that pass everything to their delegate's, so each decorator overrides only what
 * it changes.
 */
final class DelegatingLowLevel {

    private DelegatingLowLevel() {
    }

    /** Forwards what a transport is asked about; building requests and shutting down are the decorator's. */
    abstract static class Transport extends HttpTransport {
        protected final HttpTransport delegate;

        Transport(HttpTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean supportsMethod(String method) throws IOException {
            return delegate.supportsMethod(method);
        }

        @Override
        public boolean isMtls() {
            return delegate.isMtls();
        }

        /** The delegate's own request for {@code method} and {@code url}, for the decorator to wrap. */
        protected LowLevelHttpRequest delegateRequest(String method, String url) throws IOException {
            return TransportDelegation.buildRequest(delegate, method, url);
        }
    }

    /** Forwards headers and timeouts; {@link #execute()} is the decorator's. */
    abstract static class Request extends LowLevelHttpRequest {
        protected final LowLevelHttpRequest inner;

        Request(LowLevelHttpRequest inner) {
            this.inner = inner;
        }

        @Override
        public void addHeader(String name, String value) throws IOException {
            inner.addHeader(name, value);
        }

        @Override
        public void setTimeout(int connectTimeout, int readTimeout) throws IOException {
            inner.setTimeout(connectTimeout, readTimeout);
        }

        @Override
        public void setWriteTimeout(int writeTimeout) throws IOException {
            inner.setWriteTimeout(writeTimeout);
        }

        /** Sends the content the client library set on this request through the delegate's, and executes it. */
        protected LowLevelHttpResponse executeInner() throws IOException {
            TransportDelegation.copyContent(this, inner);
            return inner.execute();
        }
    }

    /** Forwards every part of the answer. */
    abstract static class Response extends LowLevelHttpResponse {
        protected final LowLevelHttpResponse inner;

        Response(LowLevelHttpResponse inner) {
            this.inner = inner;
        }

        @Override
        public InputStream getContent() throws IOException {
            return inner.getContent();
        }

        @Override
        public String getContentEncoding() throws IOException {
            return inner.getContentEncoding();
        }

        @Override
        public long getContentLength() throws IOException {
            return inner.getContentLength();
        }

        @Override
        public String getContentType() throws IOException {
            return inner.getContentType();
        }

        @Override
        public String getStatusLine() throws IOException {
            return inner.getStatusLine();
        }

        @Override
        public int getStatusCode() throws IOException {
            return inner.getStatusCode();
        }

        @Override
        public String getReasonPhrase() throws IOException {
            return inner.getReasonPhrase();
        }

        @Override
        public int getHeaderCount() throws IOException {
            return inner.getHeaderCount();
        }

        @Override
        public String getHeaderName(int index) throws IOException {
            return inner.getHeaderName(index);
        }

        @Override
        public String getHeaderValue(int index) throws IOException {
            return inner.getHeaderValue(index);
        }

        @Override
        public void disconnect() throws IOException {
            inner.disconnect();
        }
    }
}
