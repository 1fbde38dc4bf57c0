package io.syncplane.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.crypto.EncryptionKeyRing;
import io.syncplane.crypto.SecretCipher;
import io.syncplane.crypto.SecretCryptoException;
import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.persistence.PostgresLedger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresConnectionStoreTest {

    private static final String SECRET = "1//0gLongLivedRefreshToken-xyz";
    private PostgresLedger ledger;

    @BeforeEach
    void createLedger() {
        ledger = PostgresLedger.create();
    }

    @AfterEach
    void dropLedger() {
        ledger.close();
    }

    @Test
    void the_refresh_token_round_trips_and_the_stored_bytes_do_not_contain_it() {
        AppUser user = ledger.connections.ensureUser("u-1");
        GoogleConnection connection = ledger.connections.addConnection(user.id(), "Alice@Example.test", "client-1",
                RefreshToken.of(SECRET));

        assertThat(ledger.connections.refreshToken(connection.id()).reveal()).isEqualTo(SECRET);
        assertThat(connection.accountEmail()).isEqualTo("alice@example.test");
        assertThat(connection.status()).isEqualTo(ConnectionStatus.ACTIVE);
        byte[] stored = ledger.jdbc.sql("SELECT refresh_token_ciphertext FROM google_connection WHERE id = ?")
                .param(connection.id()).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET).doesNotContain("LongLived");
        String wholeRow = ledger.jdbc.sql("SELECT g::text FROM google_connection g WHERE id = ?")
                .param(connection.id()).query(String.class).single();
        assertThat(wholeRow).doesNotContain(SECRET);
        assertThat(RefreshToken.of(SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void a_ciphertext_copied_onto_another_users_row_does_not_decrypt() {
        GoogleConnection alice = ledger.newConnection();
        GoogleConnection bob = ledger.newConnection();
        ledger.jdbc.sql("UPDATE google_connection SET refresh_token_ciphertext = "
                        + "(SELECT refresh_token_ciphertext FROM google_connection WHERE id = ?) WHERE id = ?")
                .params(alice.id(), bob.id()).update();

        assertThatThrownBy(() -> ledger.connections.refreshToken(bob.id())).isInstanceOf(SecretCryptoException.class);
    }

    @Test
    void rotating_keys_re_encrypts_old_rows_under_the_new_primary_key() {
        GoogleConnection connection = ledger.newConnection();
        String newKey = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
        PostgresConnectionStore rotated = new PostgresConnectionStore(ledger.jdbc, new SecretCipher(
                EncryptionKeyRing.of(Map.of("k1", PostgresLedger.TEST_KEY, "k2", newKey), "k2")), ledger.clock);

        int first = rotated.rotateEncryptionKeys(100);
        int second = rotated.rotateEncryptionKeys(100);

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(rotated.find(connection.id()).orElseThrow().encryptionKeyId()).isEqualTo("k2");
        assertThat(rotated.refreshToken(connection.id()).reveal()).startsWith("refresh-token-");
        PostgresConnectionStore onlyNewKey = new PostgresConnectionStore(ledger.jdbc,
                new SecretCipher(EncryptionKeyRing.of(Map.of("k2", newKey), "k2")), ledger.clock);
        assertThat(onlyNewKey.refreshToken(connection.id()).reveal()).startsWith("refresh-token-");
    }

    @Test
    void linking_the_same_account_twice_is_refused_but_a_second_account_is_fine() {
        AppUser user = ledger.connections.ensureUser("u-2");
        ledger.connections.addConnection(user.id(), "a@example.test", "c", RefreshToken.of("t1"));

        assertThatThrownBy(() -> ledger.connections.addConnection(user.id(), "A@example.test", "c", RefreshToken.of("t2")))
                .isInstanceOf(DuplicateConnectionException.class);
        ledger.connections.addConnection(user.id(), "b@example.test", "c", RefreshToken.of("t3"));
        assertThat(ledger.connections.findByUser(user.id())).hasSize(2);
    }

    @Test
    void reauthorization_replaces_the_token_and_reactivates_the_connection() {
        GoogleConnection connection = ledger.newConnection();
        ledger.connections.markNeedsReauthorization(connection.id(), "invalid_grant");

        GoogleConnection back = ledger.connections.reauthorize(connection.id(), RefreshToken.of("new-token"));

        assertThat(back.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(back.statusReason()).isNull();
        assertThat(ledger.connections.refreshToken(connection.id()).reveal()).isEqualTo("new-token");
        assertThatThrownBy(() -> ledger.connections.markRemoved(999_999, "x"))
                .isInstanceOf(ConnectionNotFoundException.class);
    }

    @Test
    void the_registry_links_an_account_with_every_source_and_disconnecting_disables_them() {
        ConnectionRegistry registry = new ConnectionRegistry(ledger.connections, ledger.states, ledger.transactions,
                ledger.clock);

        ConnectionRegistry.LinkedAccount linked = registry.connect("ext-9", "z@example.test", "cid", RefreshToken.of("t"));
        registry.disconnect(linked.connection().id(), "user asked");

        assertThat(linked.syncStates()).extracting(s -> s.key().source()).containsExactlyInAnyOrder(Source.values());
        assertThat(ledger.states.findByConnection(linked.connection().id()))
                .allSatisfy(s -> assertThat(s.status()).isEqualTo(SyncStatus.DISABLED));
        assertThat(ledger.connections.find(linked.connection().id()).orElseThrow().status())
                .isEqualTo(ConnectionStatus.REMOVED);
    }

    @Test
    void a_failed_link_leaves_nothing_behind() {
        ConnectionRegistry registry = new ConnectionRegistry(ledger.connections, ledger.states, ledger.transactions,
                ledger.clock);
        registry.connect("ext-1", "dup@example.test", "cid", RefreshToken.of("t"));
        long statesBefore = ledger.jdbc.sql("SELECT count(*) FROM sync_state").query(Long.class).single();

        assertThatThrownBy(() -> registry.connect("ext-1", "dup@example.test", "cid", RefreshToken.of("t")))
                .isInstanceOf(DuplicateConnectionException.class);
        assertThat(ledger.jdbc.sql("SELECT count(*) FROM sync_state").query(Long.class).single()).isEqualTo(statesBefore);
    }
}
