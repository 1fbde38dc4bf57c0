package io.syncplane.queue;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the explicit retry time Google gives, in the two places it gives one: a {@code Retry-After} header (delay in
 * seconds, or an HTTP date) and, for Gmail's per-user throttling, the error text "User-rate limit exceeded.  Retry
 * after 2026-09-11T20:00:00.000Z" (the time is in the message, not in a header).
 */
public final class RetryAfterParser {

    private static final Pattern DELAY_SECONDS = Pattern.compile("\\d{1,10}");
    private static final Pattern RETRY_AFTER_TEXT = Pattern.compile(
            "retry after\\s+(\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(?:Z|[+-]\\d{2}:?\\d{2})?)", Pattern.CASE_INSENSITIVE);

    /** RFC 9110 allows three HTTP date forms; senders use the first, recipients must accept all. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(java.time.temporal.ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    private RetryAfterParser() {
    }

    /** Header first, then the message; empty when neither names a time. */
    public static Optional<Instant> explicitRetryAt(String retryAfterHeader, String errorMessage, Instant now) {
        Optional<Instant> fromHeader = fromHeader(retryAfterHeader, now);
        return fromHeader.isPresent() ? fromHeader : fromMessage(errorMessage);
    }

    /** {@code Retry-After: 120} (seconds from now) or {@code Retry-After: Wed, 21 Oct 2026 07:28:00 GMT}. */
    public static Optional<Instant> fromHeader(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (DELAY_SECONDS.matcher(text).matches()) {
            return Optional.of(now.plusSeconds(Long.parseLong(text)));
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850}) {
            try {
                return Optional.of(ZonedDateTime.parse(text, format).toInstant());
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        try {
            return Optional.of(LocalDateTime.parse(text, ASCTIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The time after "Retry after" in an error message, e.g. Gmail's 403 rateLimitExceeded. */
    public static Optional<Instant> fromMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher matcher = RETRY_AFTER_TEXT.matcher(message);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String time = matcher.group(1);
        try {
            return Optional.of(OffsetDateTime.parse(time).toInstant());
        } catch (DateTimeException e) {
            try {
                // No offset given: Google's times are UTC.
                return Optional.of(LocalDateTime.parse(time).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException alsoNot) {
                return Optional.empty();
            }
        }
    }
}
