package io.syncplane.writeback;

import com.google.api.client.json.GenericJson;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Between an operation's fields (Google's resource shape, as JSON values) and the client library's model classes,
 * through the library's own JSON, so field names and formats are exactly the wire's.
 */
public final class ResourceJson {

    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();

    private ResourceJson() {
    }

    public static <T extends GenericJson> T parse(Map<String, Object> fields, Class<T> type) {
        try {
            return JSON.fromString(JSON.toString(fields), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("fields are not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static <T extends GenericJson> T parse(String raw, Class<T> type) {
        try {
            return JSON.fromString(raw, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is not a " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(GenericJson resource) {
        try {
            return JSON.fromString(JSON.toString(resource), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A top-level string field of stored raw JSON (an etag), or null. */
    public static String field(String raw, String name) {
        if (raw == null) {
            return null;
        }
        Object value = parse(raw, GenericJson.class).get(name);
        return value == null ? null : String.valueOf(value);
    }
}
