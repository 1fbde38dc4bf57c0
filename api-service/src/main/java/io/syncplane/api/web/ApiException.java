package io.syncplane.api.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request the API refuses, with what the client needs to act on it. Rendered as problem+json by
 * {@link ApiExceptionHandler}; {@code type} is a stable slug clients can switch on (e.g. {@code resync-required}).
 */
public class ApiException extends RuntimeException {

    public static final String TYPE_BASE = "https://syncplane.io/problems/";

    private final HttpStatus status;
    private final String type;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String type, String detail) {
        this(status, type, detail, Map.of());
    }

    public ApiException(HttpStatus status, String type, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail toProblem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " not found");
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-request", detail);
    }

    public static ApiException badParameter(String parameter, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-request", detail, Map.of("parameter", parameter));
    }

    public static ApiException conflict(String type, String detail) {
        return new ApiException(HttpStatus.CONFLICT, type, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }
}
