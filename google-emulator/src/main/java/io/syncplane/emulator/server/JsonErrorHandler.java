package io.syncplane.emulator.server;

import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.ErrorItem;
import io.syncplane.emulator.http.GoogleError;
import io.syncplane.emulator.http.Json;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Errors Jetty answers itself (a malformed URI, a bad request line, an aborted handler) in Google's JSON shape
 * instead of Jetty's HTML page, so every answer a client sees parses as a GoogleJsonResponseException.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        EmulatorHandler.write(response, ApiResponse.json(code, body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ApiResponse.JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String message) {
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        String reason = code == 404 ? "notFound" : code < 500 ? "badRequest" : "backendError";
        String status = switch (code) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> code < 500 ? "FAILED_PRECONDITION" : "INTERNAL";
        };
        return Json.bytes(new GoogleError(code, text, List.of(ErrorItem.of("global", reason, text)), status).toJson());
    }
}
