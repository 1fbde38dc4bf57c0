package io.syncplane.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Lets a transport decorator build its delegate's requests. */
final class TransportDelegation {

    private static final Method BUILD_REQUEST;

    static {
        try {
            // HttpTransport.buildRequest is protected: a decorator in another package can only reach it this way
            BUILD_REQUEST = HttpTransport.class.getDeclaredMethod("buildRequest", String.class, String.class);
            BUILD_REQUEST.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TransportDelegation() {
    }

    static LowLevelHttpRequest buildRequest(HttpTransport delegate, String method, String url) throws IOException {
        try {
            return (LowLevelHttpRequest) BUILD_REQUEST.invoke(delegate, method, url);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands the content the client library set on the decorator's request to the delegate's. */
    static void copyContent(LowLevelHttpRequest from, LowLevelHttpRequest to) throws IOException {
        to.setContentLength(from.getContentLength());
        to.setContentEncoding(from.getContentEncoding());
        to.setContentType(from.getContentType());
        to.setStreamingContent(from.getStreamingContent());
    }
}
