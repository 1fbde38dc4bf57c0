package io.syncplane.emulator.admin;

import io.syncplane.emulator.calendar.EventTime;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Json;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reading admin request bodies and writing admin answers. Bad input is a 400, never a crash. */
final class AdminJson {

    private AdminJson() {
    }

    static ApiResponse ok(Object value) {
        return ApiResponse.ok(Json.MAPPER.writeValueAsBytes(value));
    }

    static String text(JsonNode body, String field) {
        return Json.text(body, field);
    }

    static String requiredText(JsonNode body, String field) {
        String value = Json.text(body, field);
        if (value == null) {
            throw bad("'" + field + "' is required");
        }
        return value;
    }

    static List<String> strings(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw bad("'" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        node.forEach(item -> out.add(item.asString()));
        return out;
    }

    static Double number(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw bad("'" + field + "' must be a number");
        }
        return node.asDouble();
    }

    static Boolean bool(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw bad("'" + field + "' must be true or false");
        }
        return node.asBoolean();
    }

    /** {@code "2026-01-02"} is an all-day date, anything else an RFC 3339 date-time. */
    static EventTime eventTime(JsonNode body, String field) {
        return eventTime(Json.text(body, field), field);
    }

    static EventTime eventTime(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? EventTime.allDay(LocalDate.parse(value))
                    : EventTime.at(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw bad("'" + field + "' is neither a date (2026-01-02) nor a date-time (2026-01-02T10:00:00Z)");
        }
    }

    static LocalDate date(JsonNode body, String field) {
        String value = Json.text(body, field);
        try {
            return value == null ? null : LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw bad("'" + field + "' is not a date (2026-01-02)");
        }
    }

    static Instant instant(JsonNode body, String field) {
        String value = Json.text(body, field);
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("'" + field + "' is not an RFC 3339 date-time");
        }
    }

    /** A duration as milliseconds (number) or ISO-8601 ({@code PT0.5S}). */
    static Duration duration(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Duration.ofMillis(node.asLong());
        }
        try {
            return Duration.parse(node.asString());
        } catch (DateTimeParseException e) {
            throw bad("'" + field + "' is neither milliseconds nor an ISO-8601 duration");
        }
    }

    static ApiException bad(String message) {
        return new ApiException(GoogleErrors.invalidArgument(message));
    }
}
