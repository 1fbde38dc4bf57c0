package io.syncplane.emulator.server;

import io.syncplane.emulator.faults.FaultDecision;
import io.syncplane.emulator.faults.FaultInjector;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiRequest;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.GoogleError;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.Route;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.oauth.AccessToken;
import io.syncplane.emulator.oauth.TokenService;
import io.syncplane.emulator.quota.QuotaGate;
import io.syncplane.emulator.users.UserAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The path every API call takes: route, authenticate, count, quota, concurrency, fault decision, endpoint. Shared by
 * the Jetty handler and by the parts of batch requests. Nothing an endpoint throws escapes: Google-shaped errors
 * become their responses, anything else a 500 backendError (and a log line, since it is a bug).
 */
public final class CallPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(CallPipeline.class);
    private static final int BATCH_PEEK = 64 * 1024;
    private static final Pattern PART_AUTHORIZATION = Pattern.compile("(?im)^authorization:\\s*([^\\r\\n]+)");

    private final RouteTable routes;
    private final TokenService tokens;
    private final QuotaGate quota;
    private final FaultInjector faults;
    private final Clock clock;

    public CallPipeline(RouteTable routes, TokenService tokens, QuotaGate quota, FaultInjector faults, Clock clock) {
        this.routes = routes;
        this.tokens = tokens;
        this.quota = quota;
        this.faults = faults;
        this.clock = clock;
    }

    public PendingCall begin(ApiRequest request) {
        RouteTable.Match match = routes.match(request.method(), request.path());
        if (match == null) {
            return PendingCall.finished(GoogleErrors.methodNotFound(request.method(), request.path()).toResponse());
        }
        Route route = match.route();
        if (route.api() == null) {
            Call call = new Call(request, null, match.vars());
            return new PendingCall(batchLatency(request), false, () -> run(route, call), () -> { });
        }
        AccessToken token;
        try {
            token = tokens.bearer(request.authorization());
        } catch (ApiException e) {
            return PendingCall.finished(e.error().toResponse());
        }
        UserAccount user = token.user();
        Api api = route.api();
        user.usage().count(api, Math.floorDiv(clock.millis(), 1000));
        if (!route.permits(token.scopes().values())) {
            // Google checks scopes before quotas: the request counts, but consumes no quota.
            return PendingCall.finished(GoogleErrors.insufficientScopes().toResponse());
        }
        boolean fullSyncPage = route.fullSyncPage()
                && !request.params().has("pageToken") && !request.params().has("syncToken");
        GoogleError throttled = quota.admit(user, api, route.cost(), fullSyncPage);
        if (throttled == null) {
            throttled = quota.enter(user, api);
        } else {
            return PendingCall.finished(throttled.toResponse());
        }
        if (throttled != null) {
            return PendingCall.finished(throttled.toResponse());
        }
        FaultDecision fault = faults.decide(user, api);
        Call call = new Call(request, user, match.vars());
        Runnable release = () -> quota.exit(user, api);
        if (fault.error() != null) {
            GoogleError error = fault.error();
            return new PendingCall(fault.delay(), fault.drop(), error::toResponse, release);
        }
        return new PendingCall(fault.delay(), fault.drop(), () -> run(route, call), release);
    }

    /**
     * Whose request this is. The client library sends a batch without an Authorization header of its own (each part
     * carries one), so a batch belongs to the user of its first part.
     */
    public static String authorizationOf(ApiRequest request) {
        if (request.authorization() != null || !request.path().startsWith("batch")) {
            return request.authorization();
        }
        String head = new String(request.body(), 0, Math.min(request.body().length, BATCH_PEEK),
                StandardCharsets.ISO_8859_1);
        Matcher part = PART_AUTHORIZATION.matcher(head);
        return part.find() ? part.group(1).trim() : null;
    }

    /** A batch takes as long as its user's latency plan says one request of its API takes (its parts add none). */
    private Duration batchLatency(ApiRequest request) {
        String[] path = request.path().split("/");
        if (path.length < 2 || !path[0].equals("batch")) {
            return Duration.ZERO;
        }
        Api api;
        try {
            api = Api.fromId(path[1]);
        } catch (IllegalArgumentException e) {
            return Duration.ZERO;
        }
        try {
            String authorization = authorizationOf(request);
            return authorization == null ? Duration.ZERO : faults.latency(tokens.authenticate(authorization), api);
        } catch (ApiException e) {
            return Duration.ZERO; // its parts answer 401 each
        }
    }

    /** The user whose live access token {@code authorization} carries, if any (no counting, no errors). */
    public java.util.Optional<String> requester(String authorization) {
        if (authorization == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(tokens.authenticate(authorization).email());
        } catch (ApiException e) {
            return java.util.Optional.empty();
        }
    }

    /** Runs a call to completion without latency or drops, for batch parts. */
    public ApiResponse runNow(ApiRequest request) {
        PendingCall call = begin(request);
        if (call.drop()) {
            call.abandon();
            return GoogleErrors.unavailable().toResponse();
        }
        return call.complete();
    }

    private static ApiResponse run(Route route, Call call) {
        try {
            return route.endpoint().handle(call);
        } catch (ApiException e) {
            return e.error().toResponse();
        } catch (RuntimeException e) {
            LOG.error("{} /{} failed", call.request().method(), call.request().path(), e);
            return GoogleErrors.backendError().toResponse();
        }
    }
}
