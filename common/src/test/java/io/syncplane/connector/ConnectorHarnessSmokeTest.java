package io.syncplane.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.gmail.model.ListMessagesResponse;
import io.syncplane.connection.ConnectionStatus;
import io.syncplane.sync.ReauthorizationRequiredException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector plumbing against the emulator: real refresh_token grant, real client, bearer auth, invalid_grant. */
class ConnectorHarnessSmokeTest {

    private ConnectorHarness harness;

    @BeforeEach
    void setUp() {
        harness = new ConnectorHarness(b -> b.users(2).messagesPerUser(7));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void a_linked_connection_reads_its_mailbox_through_the_real_client() throws Exception {
        ConnectorHarness.Linked linked = harness.link(1);

        ListMessagesResponse page = harness.clients.gmail(linked.connectionId()).users().messages().list("me").execute();

        assertThat(page.getMessages()).hasSize(7);
    }

    @Test
    void a_revoked_grant_marks_the_connection_for_reauthorisation() {
        ConnectorHarness.Linked linked = harness.link(2);
        harness.emulator.admin().revokeGrant(linked.email());

        assertThatThrownBy(() -> harness.clients.gmail(linked.connectionId()).users().messages().list("me").execute())
                .isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(harness.ledger.connections.find(linked.connectionId()).orElseThrow().status())
                .isEqualTo(ConnectionStatus.NEEDS_REAUTH);
    }
}
