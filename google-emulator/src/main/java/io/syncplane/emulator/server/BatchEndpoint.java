package io.syncplane.emulator.server;

import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiRequest;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Params;
import io.syncplane.emulator.http.RouteTable;
import org.eclipse.jetty.http.HttpStatus;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The client library's batch endpoint ({@code POST batch/gmail/v1} and friends): a multipart/mixed body of embedded
 * HTTP requests, each run through the normal pipeline (its own auth, quota cost and faults) and answered as a
 * multipart/mixed body of embedded HTTP responses. Hand-written because Jetty's multipart support targets form-data
 * and the embedded HTTP messages need parsing anyway.
 */
public final class BatchEndpoint {

    private static final int MAX_PARTS = 100;

    private final Supplier<CallPipeline> pipeline;

    public BatchEndpoint(Supplier<CallPipeline> pipeline) {
        this.pipeline = pipeline;
    }

    public void register(RouteTable routes) {
        for (String path : List.of("batch/gmail/v1", "batch/calendar/v3", "batch/tasks/v1", "batch/people/v1",
                "batch")) {
            routes.open("POST", path, this::batch);
        }
    }

    private ApiResponse batch(Call call) {
        String boundary = boundaryOf(call.request().contentType());
        if (boundary == null) {
            throw new ApiException(GoogleErrors.invalidArgument("Batch requests need a multipart/mixed body."));
        }
        List<Part> parts = split(new String(call.request().body(), StandardCharsets.UTF_8), boundary);
        if (parts.isEmpty()) {
            throw new ApiException(GoogleErrors.invalidArgument("Batch request has no parts."));
        }
        if (parts.size() > MAX_PARTS) {
            throw new ApiException(GoogleErrors.invalidArgument(
                    "A batch request cannot contain more than " + MAX_PARTS + " requests."));
        }
        String responseBoundary = "batch_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            ApiRequest inner = part.toRequest(call.request().authorization());
            ApiResponse answer = inner == null
                    ? GoogleErrors.invalidArgument("Malformed batch part.").toResponse()
                    : pipeline.get().runNow(inner);
            out.append("--").append(responseBoundary).append("\r\n")
                    .append("Content-Type: application/http\r\n");
            if (part.contentId() != null) {
                out.append("Content-ID: response-").append(part.contentId()).append("\r\n");
            }
            out.append("\r\nHTTP/1.1 ").append(answer.status()).append(' ')
                    .append(HttpStatus.getMessage(answer.status())).append("\r\n");
            if (answer.contentType() != null) {
                out.append("Content-Type: ").append(answer.contentType()).append("\r\n");
            }
            for (Map.Entry<String, String> header : answer.headers().entrySet()) {
                out.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            out.append("Content-Length: ").append(answer.body().length).append("\r\n\r\n")
                    .append(new String(answer.body(), StandardCharsets.UTF_8)).append("\r\n");
        }
        out.append("--").append(responseBoundary).append("--\r\n");
        return ApiResponse.text(200, "multipart/mixed; boundary=" + responseBoundary, out.toString());
    }

    static String boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
            return null;
        }
        for (String piece : contentType.split(";")) {
            String trimmed = piece.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = trimmed.substring("boundary=".length());
                return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    static List<Part> split(String body, String boundary) {
        List<Part> parts = new ArrayList<>();
        String delimiter = "--" + boundary;
        int index = body.indexOf(delimiter);
        while (index >= 0) {
            int start = index + delimiter.length();
            if (body.startsWith("--", start)) {
                break;
            }
            int next = body.indexOf(delimiter, start);
            String raw = body.substring(start, next < 0 ? body.length() : next);
            parts.add(Part.parse(raw.replaceFirst("^\r?\n", "")));
            index = next;
        }
        return parts;
    }

    /** One part: its MIME headers and the embedded HTTP request. */
    record Part(String contentId, String requestLine, Map<String, String> headers, String body) {

        static Part parse(String raw) {
            String[] sections = raw.split("\r?\n\r?\n", 3);
            Map<String, String> mimeHeaders = headers(sections[0]);
            String contentId = mimeHeaders.get("content-id");
            if (contentId != null) {
                contentId = contentId.replaceAll("^<|>$", "");
            }
            if (sections.length < 2) {
                return new Part(contentId, null, Map.of(), "");
            }
            String[] lines = sections[1].split("\r?\n", 2);
            Map<String, String> httpHeaders = lines.length > 1 ? headers(lines[1]) : Map.of();
            String body = sections.length > 2 ? sections[2].replaceFirst("\r?\n$", "") : "";
            return new Part(contentId, lines[0].trim(), httpHeaders, body);
        }

        private static Map<String, String> headers(String block) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : block.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            return headers;
        }

        ApiRequest toRequest(String outerAuthorization) {
            if (requestLine == null) {
                return null;
            }
            String[] tokens = requestLine.split(" ");
            if (tokens.length < 2) {
                return null;
            }
            URI uri;
            try {
                uri = URI.create(tokens[1]);
            } catch (IllegalArgumentException e) {
                return null;
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            path = path.startsWith("/") ? path.substring(1) : path;
            String authorization = headers.getOrDefault("authorization", outerAuthorization);
            return new ApiRequest(tokens[0].toUpperCase(Locale.ROOT), path, Params.parse(uri.getRawQuery()),
                    authorization, headers.get("content-type"), body.getBytes(StandardCharsets.UTF_8),
                    headers.get("if-match"));
        }
    }
}
