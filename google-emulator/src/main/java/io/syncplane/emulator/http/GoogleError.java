package io.syncplane.emulator.http;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * A Google error body: {@code {"error":{"code","message","errors":[...],"status","details":[...]}}}. Each API has its
 * own habits (Calendar has no {@code status}, People often no {@code errors}), so absent parts are simply omitted.
 *
 * @param errors  null to omit the array
 * @param status  null to omit
 * @param details ErrorInfo-like maps, null to omit
 * @param headers extra response headers (e.g. {@code WWW-Authenticate})
 */
public record GoogleError(int code, String message, List<ErrorItem> errors, String status,
                          List<Map<String, Object>> details, Map<String, String> headers) {

    public GoogleError {
        errors = errors == null ? null : List.copyOf(errors);
        details = details == null ? null : List.copyOf(details);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public GoogleError(int code, String message, List<ErrorItem> errors, String status) {
        this(code, message, errors, status, null, null);
    }

    /** The first reason in errors[] or details[], for logs and request statistics. */
    public String reason() {
        if (errors != null && !errors.isEmpty()) {
            return errors.get(0).reason();
        }
        if (details != null && !details.isEmpty()) {
            return String.valueOf(details.get(0).get("reason"));
        }
        return status;
    }

    public ObjectNode toJson() {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        if (errors != null) {
            ArrayNode array = error.putArray("errors");
            for (ErrorItem item : errors) {
                ObjectNode entry = array.addObject();
                entry.put("message", item.message());
                entry.put("domain", item.domain());
                entry.put("reason", item.reason());
                if (item.location() != null) {
                    entry.put("location", item.location());
                }
                if (item.locationType() != null) {
                    entry.put("locationType", item.locationType());
                }
            }
        }
        if (status != null) {
            error.put("status", status);
        }
        if (details != null) {
            ArrayNode array = error.putArray("details");
            for (Map<String, Object> detail : details) {
                array.add(Json.MAPPER.valueToTree(detail));
            }
        }
        ObjectNode root = Json.object();
        root.set("error", error);
        return root;
    }

    public ApiResponse toResponse() {
        ApiResponse response = ApiResponse.json(code, Json.bytes(toJson()));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }
}
