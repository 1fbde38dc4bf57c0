package io.syncplane.google;

import com.google.api.client.googleapis.services.AbstractGoogleClient;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.tasks.Tasks;
import io.syncplane.domain.Source;
import io.syncplane.limits.ConnectionOwners;
import io.syncplane.limits.RequestLimits;
import io.syncplane.limits.RequestPermits;
import io.syncplane.limits.RequestScope;

/**
 * Builds the real Google API clients for one connection: bearer token from {@link AccessTokenProvider}, timeouts,
 * the configured root URL (the emulator in tests and demos), and every request under the user's request budget
 * ({@link RequestPermits}, through {@link PermittedHttpTransport}). A 401 gets one retry with a freshly refreshed token;
 * every other failure surfaces to the connector, which owns retry policy (the client library retries nothing itself).
 */
public final class GoogleClients {

    private static final String APPLICATION = "syncplane";

    private final HttpTransport transport;
    private final JsonFactory json;
    private final AccessTokenProvider tokens;
    private final GoogleProperties properties;
    private final RequestPermits permits;
    private final RequestLimits limits;
    private final ConnectionOwners owners;

    /** Clients without per-user request limits ({@code syncplane.limits.requests.enabled=false}). */
    public GoogleClients(HttpTransport transport, JsonFactory json, AccessTokenProvider tokens,
                         GoogleProperties properties) {
        this(transport, json, tokens, properties, RequestPermits.UNLIMITED, RequestLimits.defaults(), null);
    }

    public GoogleClients(HttpTransport transport, JsonFactory json, AccessTokenProvider tokens,
                         GoogleProperties properties, RequestPermits permits, RequestLimits limits,
                         ConnectionOwners owners) {
        this.transport = transport;
        this.json = json;
        this.tokens = tokens;
        this.properties = properties;
        this.permits = permits;
        this.limits = limits;
        this.owners = owners;
    }

    public Gmail gmail(RequestScope scope) {
        return configure(new Gmail.Builder(transport(scope), json, authorizing(scope.connectionId()))).build();
    }

    public Calendar calendar(RequestScope scope) {
        return configure(new Calendar.Builder(transport(scope), json, authorizing(scope.connectionId()))).build();
    }

    public PeopleService people(RequestScope scope) {
        return configure(new PeopleService.Builder(transport(scope), json, authorizing(scope.connectionId())))
                .build();
    }

    public Tasks tasks(RequestScope scope) {
        return configure(new Tasks.Builder(transport(scope), json, authorizing(scope.connectionId()))).build();
    }

    /** A Gmail client for calls outside a sync (watch upkeep): small, as urgent as incremental work. */
    public Gmail gmail(long connectionId) {
        return gmail(RequestScope.upkeep(connectionId, Source.GMAIL));
    }

    /** A Calendar client for calls outside a sync (channel upkeep). */
    public Calendar calendar(long connectionId) {
        return calendar(RequestScope.upkeep(connectionId, Source.CALENDAR));
    }

    private HttpTransport transport(RequestScope scope) {
        if (permits == RequestPermits.UNLIMITED) {
            return transport;
        }
        return new PermittedHttpTransport(transport, permits, limits, owners::userOf, scope);
    }

    private <B extends AbstractGoogleClient.Builder> B configure(B builder) {
        builder.setApplicationName(APPLICATION);
        properties.rootUrlOverride().ifPresent(builder::setRootUrl);
        return builder;
    }

    private HttpRequestInitializer authorizing(long connectionId) {
        return request -> {
            AccessToken token = tokens.current(connectionId);
            authorize(request, token);
            request.setConnectTimeout((int) properties.connectTimeout().toMillis());
            request.setReadTimeout((int) properties.readTimeout().toMillis());
            request.setNumberOfRetries(1);
            request.setUnsuccessfulResponseHandler(new RefreshOnceOn401(connectionId, token));
        };
    }

    private static void authorize(HttpRequest request, AccessToken token) {
        request.getHeaders().setAuthorization("Bearer " + token.value());
    }

    /** Retries a 401 once with a new token; Google may revoke a token before its stated expiry. */
    private final class RefreshOnceOn401 implements HttpUnsuccessfulResponseHandler {
        private final long connectionId;
        private final AccessToken sent;
        private boolean retried;

        RefreshOnceOn401(long connectionId, AccessToken sent) {
            this.connectionId = connectionId;
            this.sent = sent;
        }

        @Override
        public boolean handleResponse(HttpRequest request, HttpResponse response,
                                      boolean supportsRetry) {
            if (response.getStatusCode() != 401 || retried || !supportsRetry) {
                return false;
            }
            retried = true;
            tokens.invalidate(connectionId, sent);
            authorize(request, tokens.current(connectionId));
            return true;
        }
    }
}
