package io.syncplane.connector.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Message;
import io.syncplane.connector.ConnectorHarness;
import io.syncplane.connector.ConnectorHarness.Linked;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.admin.MessageView;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.sync.ReauthorizationRequiredException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Batched metadata reads through the real client's batch support, against the emulator's batch endpoint. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailMetadataFetcherTest {

    private ConnectorHarness harness;
    private EmulatorAdmin admin;
    private final GmailMetadataFetcher fetcher =
            new GmailMetadataFetcher(GmailQuotaPacer.sleeping(200, Clock.systemUTC()), 10, 3);

    @BeforeAll
    void start() {
        harness = new ConnectorHarness(b -> b.users(4).messagesPerUser(25));
        admin = harness.emulator.admin();
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @Test
    void messages_come_back_in_the_order_asked_for_across_batches_and_deleted_ones_as_gone() throws Exception {
        Linked user = harness.link(1);
        List<String> ids = new ArrayList<>(admin.groundTruth(user.email()).messages().stream()
                .map(MessageView::id).toList());
        String deletedSinceListed = ids.get(13);
        admin.deleteMessage(user.email(), deletedSinceListed);

        GmailMetadataFetcher.Fetched fetched = fetcher.fetch(gmail(user), user.connectionId(), ids);

        List<String> expected = new ArrayList<>(ids);
        expected.remove(deletedSinceListed);
        assertThat(fetched.messages()).extracting(Message::getId).containsExactlyElementsOf(expected);
        assertThat(fetched.gone()).containsExactly(deletedSinceListed);
        assertThat(fetched.messages().get(0).getPayload().getHeaders())
                .extracting(h -> h.getName()).containsExactlyInAnyOrder("Date", "Subject", "From", "To");
    }

    @Test
    void batched_reads_with_an_expired_access_token_are_retried_with_a_fresh_one() throws Exception {
        Linked user = harness.link(2);
        List<String> ids = admin.groundTruth(user.email()).messages().stream().map(MessageView::id).toList();
        Gmail gmail = gmail(user);
        fetcher.fetch(gmail, user.connectionId(), ids.subList(0, 1));
        String before = harness.tokens.current(user.connectionId()).value();
        admin.expireAccessTokens(user.email());

        GmailMetadataFetcher.Fetched fetched = fetcher.fetch(gmail, user.connectionId(), ids);

        assertThat(fetched.messages()).hasSize(ids.size());
        assertThat(fetched.gone()).isEmpty();
        assertThat(harness.tokens.current(user.connectionId()).value()).isNotEqualTo(before);
    }

    @Test
    void a_part_failing_otherwise_fails_the_whole_fetch_as_the_exception_google_would_have_thrown() {
        Linked user = harness.link(3);
        List<String> ids = admin.groundTruth(user.email()).messages().stream().map(MessageView::id).toList();
        admin.userFaults(user.email(), FaultPlan.errors500(1.0));
        try {
            GoogleJsonResponseException e = catchThrowableOfType(
                    () -> fetcher.fetch(gmail(user), user.connectionId(), ids), GoogleJsonResponseException.class);

            assertThat(e.getStatusCode()).isEqualTo(500);
            assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("backendError");
        } finally {
            admin.userFaults(user.email(), null);
        }
    }

    @Test
    void a_grant_revoked_before_a_batch_surfaces_as_reauthorisation_required() throws Exception {
        Linked user = harness.link(4);
        List<String> ids = admin.groundTruth(user.email()).messages().stream().map(MessageView::id).toList();
        Gmail gmail = gmail(user);
        fetcher.fetch(gmail, user.connectionId(), ids.subList(0, 1));
        admin.revokeGrant(user.email());

        Throwable thrown = catchThrowable(() -> fetcher.fetch(gmail, user.connectionId(), ids));

        assertThat(thrown).isInstanceOf(ReauthorizationRequiredException.class);
    }

    private Gmail gmail(Linked user) {
        return harness.clients.gmail(user.connectionId());
    }
}
