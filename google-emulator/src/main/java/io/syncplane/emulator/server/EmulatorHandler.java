package io.syncplane.emulator.server;

import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiRequest;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Params;
import io.syncplane.emulator.requests.RequestLog;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Adapts Jetty requests to the {@link CallPipeline}, and applies injected latency and dropped connections. */
final class EmulatorHandler extends Handler.Abstract {

    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final byte[] NO_BODY = new byte[0];

    private final CallPipeline pipeline;
    private final ScheduledExecutorService scheduler;
    private final RequestLog requests;

    EmulatorHandler(CallPipeline pipeline, ScheduledExecutorService scheduler, RequestLog requests) {
        this.pipeline = pipeline;
        this.scheduler = scheduler;
        this.requests = requests;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        ApiRequest apiRequest;
        try {
            apiRequest = read(request);
        } catch (ApiException e) {
            write(response, e.error().toResponse(), callback);
            return true;
        } catch (IOException e) {
            callback.failed(e);
            return true;
        }
        Optional<String> requester = pipeline.requester(CallPipeline.authorizationOf(apiRequest));
        if (requester.isPresent()) {
            RequestLog.InFlight inFlight = requests.begin(requester.get());
            callback = closing(callback, inFlight);
        }
        Callback done = callback;
        PendingCall call = pipeline.begin(apiRequest);
        long delayMillis = call.delay().toMillis();
        if (delayMillis > 0) {
            // Latency without holding a server thread: the call resumes on the scheduler.
            scheduler.schedule(() -> finish(request, response, done, call), delayMillis, TimeUnit.MILLISECONDS);
        } else {
            finish(request, response, done, call);
        }
        return true;
    }

    /** The request counts as in flight until its answer is written (or the connection fails). */
    private static Callback closing(Callback callback, RequestLog.InFlight inFlight) {
        return new Callback() {
            @Override
            public void succeeded() {
                inFlight.close();
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                inFlight.close();
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
    }

    private static void finish(Request request, Response response, Callback callback, PendingCall call) {
        if (call.drop()) {
            call.abandon();
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.failed(new EofException("connection dropped by fault injection"));
            return;
        }
        write(response, call.complete(), callback);
    }

    private static ApiRequest read(Request request) throws IOException {
        String method = request.getMethod();
        String override = request.getHeaders().get("X-HTTP-Method-Override");
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        byte[] body = readBody(request);
        String path = Request.getPathInContext(request);
        path = path.startsWith("/") ? path.substring(1) : path;
        String query = request.getHttpURI().getQuery();
        Params params;
        if (override != null && !override.isBlank()) {
            method = override.trim().toUpperCase(java.util.Locale.ROOT);
        }
        // Google's clients send long GETs as POST forms with a method override; the OAuth endpoints and the admin API
        // read their own bodies (the admin API always takes JSON, so `curl -d '{...}'`, which labels it a form, works).
        if (contentType != null && contentType.regionMatches(true, 0, FORM, 0, FORM.length())
                && !path.equals("token") && !path.equals("revoke") && !path.startsWith("admin/")) {
            params = Params.parse(query, new String(body, StandardCharsets.UTF_8).trim());
            body = new byte[0];
        } else {
            params = Params.parse(query);
        }
        return new ApiRequest(method, path, params, request.getHeaders().get(HttpHeader.AUTHORIZATION),
                contentType, body, request.getHeaders().get(HttpHeader.IF_MATCH));
    }

    private static byte[] readBody(Request request) throws IOException {
        if (request.getLength() == 0 || request.getLength() < 0
                && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return NO_BODY;
        }
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        // The Google client gzips POST bodies (chunked, even empty ones). Inflating here rather than with Jetty's
        // GzipHandler keeps that handler's per-request wrapping off the hot GET path.
        try (InputStream in = gzip ? new GZIPInputStream(Request.asInputStream(request))
                : Request.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new ApiException(GoogleErrors.payloadTooLarge());
            }
            return body;
        } catch (ZipException | EOFException e) {
            throw new ApiException(GoogleErrors.parseError("The request body is not valid gzip."));
        }
    }

    static void write(Response response, ApiResponse answer, Callback callback) {
        response.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.getHeaders().put(header.getKey(), header.getValue());
        }
        byte[] body = answer.body();
        if (answer.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, body.length == 0 ? null : ByteBuffer.wrap(body), callback);
    }
}
