package io.syncplane.emulator.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/** The one JSON mapper of the emulator and small helpers for building Google-shaped bodies. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** RFC 3339 with milliseconds and Z, the form Google uses for timestamps ({@code 2026-01-02T03:04:05.000Z}). */
    private static final DateTimeFormatter RFC3339_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static ArrayNode strings(Collection<String> values) {
        ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    public static String rfc3339(Instant instant) {
        return RFC3339_MILLIS.format(instant);
    }

    /**
     * Parses a request body that must be a JSON object; an empty body is an empty object (the client sends gzipped
     * empty bodies for calls like {@code stop}).
     */
    public static ObjectNode parseObject(ApiRequest request) {
        if (!request.hasBody()) {
            return object();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(request.body());
        } catch (JacksonException e) {
            throw new ApiException(GoogleErrors.parseError(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(GoogleErrors.parseError("Invalid JSON payload received. Expected an object."));
        }
        return (ObjectNode) node;
    }

    /** A string member, or null when absent, null or blank; a non-string value is a 400. */
    public static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new ApiException(GoogleErrors.invalidArgument("Invalid value for field '" + field + "'."));
        }
        String text = value.asString();
        return text.isBlank() ? null : text;
    }
}
