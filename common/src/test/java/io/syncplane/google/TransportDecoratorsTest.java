package io.syncplane.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;
import com.google.api.services.gmail.Gmail;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplane.domain.Source;
import io.syncplane.limits.RequestLimits;
import io.syncplane.limits.RequestPermits;
import io.syncplane.limits.RequestScope;
import io.syncplane.metrics.SyncplaneMetrics;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The two transport decorators stacked as in production (permits over metering over the HTTP client), on a scripted
 * transport: an error answer is counted with its reason and still reaches the client library whole, and every
 * exchange returns its permit, whether its answer was read or was an error.
 */
class TransportDecoratorsTest {

    private static final String RATE_LIMITED = """
            {"error": {"code": 403, "message": "User Rate Limit Exceeded",
              "errors": [{"domain": "usageLimits", "reason": "rateLimitExceeded", "message": "slow down"}]}}""";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicInteger returned = new AtomicInteger();
    private final RequestPermits countingPermits = (userId, weight) -> {
        taken.incrementAndGet();
        return returned::incrementAndGet;
    };

    @Test
    void anErrorIsCountedWithItsReasonReachesTheClientWholeAndReturnsItsPermit() {
        Gmail gmail = gmail(new MockHttpTransport.Builder().setLowLevelHttpResponse(new MockLowLevelHttpResponse()
                .setStatusCode(403).setContentType("application/json; charset=UTF-8").setContent(RATE_LIMITED))
                .build());

        GoogleJsonResponseException e = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> gmail.users().getProfile("me").execute());

        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
        assertThat(meters.counter("syncplane.google.errors", "api", "gmail", "status", "403", "reason",
                "rateLimitExceeded").count()).isEqualTo(1);
        assertThat(taken).hasValue(1);
        assertThat(returned).hasValue(1);
    }

    @Test
    void aSuccessReturnsItsPermitOnceItsAnswerIsRead() throws Exception {
        for (int i = 0; i < 3; i++) {
            // a scripted answer can be read once: one transport per request
            Gmail gmail = gmail(new MockHttpTransport.Builder().setLowLevelHttpResponse(new MockLowLevelHttpResponse()
                    .setContentType("application/json; charset=UTF-8")
                    .setContent("{\"emailAddress\": \"a@example.com\", \"historyId\": \"7\"}")).build());
            assertThat(gmail.users().getProfile("me").execute().getEmailAddress()).isEqualTo("a@example.com");
            assertThat(returned).as("returned as soon as the answer was parsed").hasValue(taken.get());
        }

        assertThat(taken).hasValue(3);
        assertThat(returned).hasValue(3);
        assertThat(meters.find("syncplane.google.errors").counters()).isEmpty();
    }

    private Gmail gmail(HttpTransport scripted) {
        HttpTransport metered = new MeteredHttpTransport(scripted, new SyncplaneMetrics(meters));
        RequestScope scope = new RequestScope(1, Source.GMAIL, () -> false);
        return new Gmail.Builder(new PermittedHttpTransport(metered, countingPermits, RequestLimits.defaults(),
                connectionId -> 42, scope), GsonFactory.getDefaultInstance(), request -> { })
                .setApplicationName("test").build();
    }
}
