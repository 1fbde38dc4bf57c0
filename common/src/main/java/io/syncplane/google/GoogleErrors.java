package io.syncplane.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import io.syncplane.queue.RetryAfterParser;
import io.syncplane.sync.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads Google's error answers (google-wire-facts.md): status, reason, explicit retry time, rate limiting. */
public final class GoogleErrors {

    private static final Set<String> RATE_LIMIT_REASONS =
            Set.of("userRateLimitExceeded", "rateLimitExceeded", "quotaExceeded", "RATE_LIMIT_EXCEEDED");

    private GoogleErrors() {
    }

    public static Optional<GoogleJsonResponseException> response(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof GoogleJsonResponseException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }


    /** The first errors[].reason, or else the ErrorInfo reason in details (People's newer format). */
    public static Optional<String> reason(GoogleJsonResponseException e) {
        GoogleJsonError details = e.getDetails();
        if (details == null) {
            return Optional.empty();
        }
        if (details.getErrors() != null && !details.getErrors().isEmpty()
                && details.getErrors().get(0).getReason() != null) {
            return Optional.of(details.getErrors().get(0).getReason());
        }
        if (details.getDetails() != null) {
            for (GoogleJsonError.Details d : details.getDetails()) {
                if (d.getReason() != null) {
                    return Optional.of(d.getReason());
                }
            }
        }
        return Optional.empty();
    }

    public static boolean hasReason(Throwable error, String reason) {
        return response(error).flatMap(GoogleErrors::reason).map(reason::equals).orElse(false);
    }

    /** 429, or a 403 whose reason is a rate or quota limit. */
    public static boolean isRateLimit(Throwable error) {
        return response(error).map(e -> e.getStatusCode() == 429
                || (e.getStatusCode() == 403 && reason(e).map(RATE_LIMIT_REASONS::contains).orElse(false)))
                .orElse(false);
    }

    /** A Retry-After header, or Gmail's "Retry after &lt;time&gt;" inside the message. */
    public static Optional<Instant> explicitRetryAt(Throwable error, Instant now) {
        return response(error).flatMap(e -> {
            Object header = e.getHeaders() == null ? null : e.getHeaders().get("retry-after");
            String retryAfter = header instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0))
                    : header == null ? null : String.valueOf(header);
            String message = e.getDetails() != null ? e.getDetails().getMessage() : e.getMessage();
            return RetryAfterParser.explicitRetryAt(retryAfter, message, now);
        });
    }

    /**
     * Turns a rate-limit answer into {@link RateLimitedException}, waiting until Google's explicit time or, without
     * one, {@code fallbackDelay}; anything else is returned unchanged for the caller to rethrow.
     */
    public static Exception rateLimitedOr(Exception error, Instant now, Duration fallbackDelay) {
        if (!isRateLimit(error)) {
            return error;
        }
        Instant until = explicitRetryAt(error, now).orElse(now.plus(fallbackDelay));
        GoogleJsonResponseException e = response(error).orElseThrow();
        return new RateLimitedException("Google rate limit: " + e.getStatusCode() + " "
                + reason(e).orElse("") + " " + (e.getDetails() == null ? "" : e.getDetails().getMessage()),
                until, error);
    }

    /** A one-line description for the ledger's last_error. */
    public static String describe(Throwable error) {
        return response(error)
                .map(e -> "HTTP " + e.getStatusCode() + " " + reason(e).orElse("") + ": "
                        + (e.getDetails() == null ? e.getStatusMessage() : e.getDetails().getMessage()))
                .orElseGet(() -> error.getClass().getSimpleName() + ": " + error.getMessage());
    }
}
