package io.syncplane.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.people.v1.PeopleService;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.quota.ApiCounts;
import io.syncplane.emulator.quota.QuotaSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;

import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;

/** The clock stands still, so every request falls into the same quota window. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaTest {

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00.250Z");
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(5).messagesPerUser(3).contactsPerUser(3).clock(clock)
                .quotas(QuotaSettings.defaults().withCalendarRequestsPerMinute(5).withPeopleRequestsPerMinute(4)
                        .withPeopleFullSyncPerMinute(2))
                .start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void gmailAdmits250UnitsPerSecondThenAnswers403RateLimitExceeded() throws IOException {
        String email = emulator.admin().email(1);
        Gmail gmail = clients.gmail(email);
        BigInteger start = BigInteger.valueOf(emulator.admin().historyId(email));
        for (int i = 0; i < 125; i++) {
            gmail.users().history().list("me").setStartHistoryId(start).execute();
        }
        GoogleJsonResponseException e = catchGoogle(() ->
                gmail.users().history().list("me").setStartHistoryId(start).execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
        assertThat(e.getDetails().get("status")).isEqualTo("PERMISSION_DENIED");
        assertThat(e.getDetails().getMessage())
                .isEqualTo("User-rate limit exceeded.  Retry after 2026-03-01T09:00:01.000Z");

        ApiCounts counts = emulator.admin().requestCounts(email, Api.GMAIL);
        assertThat(counts.requests()).isEqualTo(126);
        assertThat(counts.throttled()).isEqualTo(1);
        assertThat(counts.units()).isEqualTo(250);
        assertThat(counts.maxInWindow(Duration.ofSeconds(10))).isEqualTo(126);

        clock.advance(Duration.ofSeconds(1));
        gmail.users().history().list("me").setStartHistoryId(start).execute();
        assertThat(emulator.admin().requestCounts(email, Api.GMAIL).perSecond()).hasSize(2);
    }

    @Test
    void calendarAnswers403UserRateLimitExceeded() throws IOException {
        Calendar calendar = clients.calendar(emulator.admin().email(2));
        for (int i = 0; i < 5; i++) {
            calendar.events().list("primary").execute();
        }
        GoogleJsonResponseException e = catchGoogle(() -> calendar.events().list("primary").execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("userRateLimitExceeded");
        assertThat(e.getDetails().getErrors().get(0).getDomain()).isEqualTo("usageLimits");
    }

    @Test
    void peopleAnswers429ResourceExhaustedAndHasAFullSyncQuota() throws IOException {
        PeopleService people = clients.people(emulator.admin().email(3));
        people.people().connections().list("people/me").setPersonFields("names").execute();
        people.people().connections().list("people/me").setPersonFields("names").execute();
        GoogleJsonResponseException firstPages = catchGoogle(() ->
                people.people().connections().list("people/me").setPersonFields("names").execute());
        assertThat(firstPages.getStatusCode()).isEqualTo(429);
        assertThat(firstPages.getDetails().get("status")).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(firstPages.getDetails().getDetails().get(0).getReason()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(firstPages.getDetails().getMessage()).contains("FullSyncRequestsPerMinutePerUser");
    }

    @Test
    void tooManyConcurrentGmailRequestsAre429AndQuotasCanBeSwitchedOff() throws IOException {
        String email = emulator.admin().email(4);
        QuotaSettings before = emulator.admin().quotas();
        try {
            emulator.admin().quotas(before.withGmailMaxConcurrent(1));
            emulator.admin().userFaults(email, io.syncplane.emulator.faults.FaultPlan.latency(Duration.ofMillis(400)));
            Gmail gmail = clients.gmail(email);
            Thread slow = new Thread(() -> {
                try {
                    gmail.users().getProfile("me").execute();
                } catch (IOException ignored) {
                    // only here to occupy the slot
                }
            });
            slow.start();
            org.awaitility.Awaitility.await().until(() ->
                    emulator.admin().requestCounts(email, Api.GMAIL).requests() >= 1);
            GoogleJsonResponseException e = catchGoogle(() -> gmail.users().getProfile("me").execute());
            assertThat(e.getStatusCode()).isEqualTo(429);
            assertThat(e.getDetails().get("status")).isEqualTo("RESOURCE_EXHAUSTED");
            emulator.admin().userFaults(email, null);

            emulator.admin().quotas(before.withEnabled(false).withGmailUnitsPerSecond(1));
            for (int i = 0; i < 5; i++) {
                gmail.users().getProfile("me").execute();
            }
        } finally {
            emulator.admin().quotas(before);
            emulator.admin().userFaults(email, null);
        }
    }
}
