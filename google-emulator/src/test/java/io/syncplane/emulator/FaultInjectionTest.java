package io.syncplane.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.gmail.Gmail;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {

    private GoogleEmulator emulator;
    private EmulatorClients clients;
    private Gmail gmail;
    private Gmail other;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(3).messagesPerUser(3).quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
        gmail = clients.gmail(emulator.admin().email(1));
        other = clients.gmail(emulator.admin().email(2));
    }

    @AfterEach
    void clear() {
        emulator.admin().clearFaults();
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void backendErrorsAt100Percent() {
        emulator.admin().globalFaults(FaultPlan.errors500(1.0));
        GoogleJsonResponseException e = catchGoogle(() -> gmail.users().getProfile("me").execute());
        assertThat(e.getStatusCode()).isEqualTo(500);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("backendError");
        assertThat(e.getDetails().getMessage()).isEqualTo("Backend Error");
    }

    @Test
    void unavailableAt100PercentForOneUserOnly() throws IOException {
        emulator.admin().userFaults(emulator.admin().email(1), FaultPlan.errors503(1.0));
        assertThat(catchGoogle(() -> gmail.users().getProfile("me").execute()).getStatusCode()).isEqualTo(503);
        assertThat(other.users().getProfile("me").execute().getEmailAddress()).isEqualTo(emulator.admin().email(2));
    }

    @Test
    void ratesAreProbabilities() {
        emulator.admin().globalFaults(FaultPlan.errors500(0.5));
        int failures = 0;
        for (int i = 0; i < 200; i++) {
            Throwable thrown = catchThrowable(() -> gmail.users().getProfile("me").execute());
            if (thrown != null) {
                failures++;
            }
        }
        assertThat(failures).isBetween(60, 140);
    }

    @Test
    void latencyDelaysResponses() throws IOException {
        emulator.admin().globalFaults(FaultPlan.latency(Duration.ofMillis(300)));
        long start = System.nanoTime();
        gmail.users().getProfile("me").execute();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void droppedConnectionsSurfaceAsIoExceptions() throws IOException {
        emulator.admin().globalFaults(FaultPlan.drops(1.0));
        Throwable thrown = catchThrowable(() -> gmail.users().getProfile("me").execute());
        assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(GoogleJsonResponseException.class);
        emulator.admin().clearFaults();
        assertThat(gmail.users().getProfile("me").execute().getEmailAddress()).isNotBlank();
    }

    @Test
    void plansCanTargetOneApi() throws IOException {
        emulator.admin().globalFaults(new FaultPlan(Duration.ZERO, 1.0, 0, 0, Set.of(Api.CALENDAR)));
        assertThat(gmail.users().getProfile("me").execute().getEmailAddress()).isNotBlank();
        assertThat(catchGoogle(() -> clients.calendar(emulator.admin().email(1)).events().list("primary").execute())
                .getStatusCode()).isEqualTo(500);
    }
}
