package io.syncplane.emulator.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Parses typed query parameters; a value that does not parse ends the call with the API's own 400 shape, which the
 * caller supplies because Gmail, Calendar, People and Tasks phrase it differently.
 */
public final class ParamParsers {

    private ParamParsers() {
    }

    /** Integer in [min, max]; values above max are clamped as Google does for page sizes. */
    public static int pageSize(Params params, String name, int defaultValue, int min, int max,
                               Function<String, GoogleError> invalid) {
        String raw = params.text(name);
        if (raw == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(invalid.apply(raw));
        }
        if (value < min) {
            throw new ApiException(invalid.apply(raw));
        }
        return (int) Math.min(value, max);
    }

    public static boolean bool(Params params, String name, boolean defaultValue,
                               Function<String, GoogleError> invalid) {
        String raw = params.text(name);
        if (raw == null) {
            return defaultValue;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        if (raw.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ApiException(invalid.apply(raw));
    }

    /** An unsigned 64-bit id such as Gmail's startHistoryId. */
    public static long unsignedLong(String raw, Function<String, GoogleError> invalid) {
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 0) {
                throw new ApiException(invalid.apply(raw));
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ApiException(invalid.apply(raw));
        }
    }

    /** RFC 3339 date-time with an offset, as Calendar and Tasks accept in timeMin/updatedMin. */
    public static Instant rfc3339(Params params, String name, Function<String, GoogleError> invalid) {
        String raw = params.text(name);
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException(invalid.apply(raw));
        }
    }
}
