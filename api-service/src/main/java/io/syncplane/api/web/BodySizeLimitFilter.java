package io.syncplane.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over a limit before anything reads them. Tomcat only limits form posts, and every body this
 * API takes is a small JSON document, so anything large is a mistake or an attack. A body without a declared length
 * (chunked) is refused too: no client of this API needs to stream.
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public BodySizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > maxBytes || chunked) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            String detail = chunked ? "request bodies must declare a Content-Length"
                    : "request body of " + length + " bytes is over the limit of " + maxBytes + " bytes";
            response.getOutputStream().write(("{\"type\":\"" + ApiException.TYPE_BASE + "body-too-large\","
                    + "\"title\":\"Content Too Large\",\"status\":413,\"detail\":\"" + detail + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
