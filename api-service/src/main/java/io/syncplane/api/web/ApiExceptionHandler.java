package io.syncplane.api.web;

import io.syncplane.connection.DuplicateConnectionException;
import io.syncplane.feed.ResyncRequiredException;
import io.syncplane.queue.QueueUnavailableException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as problem+json. Spring's own handler covers the HTTP-level cases (405, 415, 406, missing parameters,
 * unknown paths); this adds the field a body was wrong in, our {@link ApiException}s, and outages as 503 rather than
 * 500, so a client can tell "fix your request" from "try again".
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"syncplane\"");
        }
        return response.body(e.toProblem());
    }

    @ExceptionHandler(DuplicateConnectionException.class)
    ResponseEntity<Object> duplicate(DuplicateConnectionException e) {
        return api(ApiException.conflict("duplicate-connection", e.getMessage()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraint(ConstraintViolationException e) {
        List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.<String, Object>of("field", lastNode(v.getPropertyPath().toString()),
                        "message", v.getMessage()))
                .toList();
        return invalid(errors, "invalid request");
    }

    /** Tomcat refuses a query string that is not valid UTF-8 once something reads the parameters. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodable(InvalidParameterException e) {
        return api(ApiException.badRequest("the query string is not valid percent-encoded UTF-8"));
    }

    @ExceptionHandler(ResyncRequiredException.class)
    ResponseEntity<Object> resync(ResyncRequiredException e) {
        return api(new ApiException(HttpStatus.GONE, "resync-required", e.getMessage(),
                Map.of("reason", e.reason().name().toLowerCase(java.util.Locale.ROOT))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : e.getRequiredType().getSimpleName();
        return api(ApiException.badParameter(e.getName(),
                "'" + e.getName() + "' must be " + article(expected) + ", got '" + e.getValue() + "'"));
    }

    @ExceptionHandler({QueueUnavailableException.class, CannotGetJdbcConnectionException.class,
            CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class})
    ResponseEntity<Object> unavailable(RuntimeException e) {
        log.warn("Backend unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "a backend (Postgres or Redis) is unavailable; retry shortly");
        problem.setType(URI.create(ApiException.TYPE_BASE + "unavailable"));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return api(unreadable(e));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.<String, Object>of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return invalid(errors, "invalid request body");
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, Object>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.<String, Object>of(
                        "field", result.getMethodParameter().getParameterName() == null ? "?"
                                : result.getMethodParameter().getParameterName(),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return invalid(errors, "invalid request");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "unexpected error; it has been logged");
        problem.setType(URI.create(ApiException.TYPE_BASE + "internal"));
        return ResponseEntity.internalServerError().body(problem);
    }

    private static ApiException unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return ApiException.badParameter(unknown.getPropertyName(),
                    "unknown field '" + unknown.getPropertyName() + "'; known: " + unknown.getKnownPropertyIds());
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("?");
            return ApiException.badParameter(field, "field '" + field + "' has the wrong type or value: "
                    + databind.getOriginalMessage());
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return ApiException.badRequest("a JSON request body is required");
        }
        return ApiException.badRequest("malformed JSON body"
                + (cause == null || cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())));
    }

    /** 400 listing every field at fault; the detail names the first, so a one-line reader still learns something. */
    private ResponseEntity<Object> invalid(List<Map<String, Object>> errors, String whenNone) {
        String detail = errors.isEmpty() ? whenNone
                : errors.get(0).get("field") + ": " + errors.get(0).get("message");
        return api(new ApiException(HttpStatus.BAD_REQUEST, "invalid-request", detail, Map.of("errors", errors)));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String article(String type) {
        return switch (type) {
            case "long", "Long", "int", "Integer" -> "a whole number";
            case "boolean", "Boolean" -> "true or false";
            default -> "a valid " + type;
        };
    }
}
