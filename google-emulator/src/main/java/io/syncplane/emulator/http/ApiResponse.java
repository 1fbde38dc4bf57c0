package io.syncplane.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What one call answers: status, content type, extra headers and body bytes. */
public record ApiResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json; charset=UTF-8";
    private static final byte[] EMPTY = new byte[0];

    public ApiResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? EMPTY : body;
    }

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, JSON, Map.of(), body);
    }

    public static ApiResponse ok(byte[] body) {
        return json(200, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, Map.of(), EMPTY);
    }

    public static ApiResponse emptyOk() {
        return new ApiResponse(200, null, Map.of(), EMPTY);
    }

    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, contentType, copy, body);
    }
}
