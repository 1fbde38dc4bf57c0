package io.syncplane.api.auth;

import io.syncplane.api.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every {@code /v1} call needs {@code Authorization: Bearer <api key>}. An interceptor rather than a servlet filter, so
 * a refusal goes through the same problem+json handler as every other error.
 */
public final class ApiKeyInterceptor implements HandlerInterceptor {

    static final String CALLER = ApiKeyInterceptor.class.getName() + ".caller";

    private final ApiKeys keys;

    public ApiKeyInterceptor(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized("missing 'Authorization: Bearer <api key>' header");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <api key>'");
        }
        Caller caller = keys.authenticate(header.substring(7).trim())
                .orElseThrow(() -> ApiException.unauthorized("unknown or revoked api key"));
        request.setAttribute(CALLER, caller);
        return true;
    }
}
