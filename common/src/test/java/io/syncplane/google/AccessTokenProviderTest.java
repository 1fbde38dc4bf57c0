package io.syncplane.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.connection.ConnectionStatus;
import io.syncplane.connection.GoogleConnection;
import io.syncplane.connection.RefreshToken;
import io.syncplane.crypto.EncryptionKeyRing;
import io.syncplane.crypto.SecretCipher;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.sync.ReauthorizationRequiredException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTokenProviderTest {

    private PostgresLedger ledger;
    private GoogleConnection connection;
    private final CountingRefresher endpoint = new CountingRefresher();
    private final GoogleProperties properties = new GoogleProperties(null, null,
            List.of(new GoogleProperties.OAuthClient("client-1", "s3cret")), null, null, Duration.ofMinutes(5));

    @BeforeEach
    void setUp() {
        ledger = PostgresLedger.create();
        long user = ledger.connections.ensureUser("u").id();
        connection = ledger.connections.addConnection(user, "u@example.test", "client-1", RefreshToken.of("rt-1"));
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void concurrent_callers_on_two_workers_cause_exactly_one_refresh() throws Exception {
        AccessTokenProvider workerA = provider();
        AccessTokenProvider workerB = provider();
        int callers = 8;
        endpoint.holdUntil = new CountDownLatch(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                AccessTokenProvider provider = i % 2 == 0 ? workerA : workerB;
                results.add(pool.submit(() -> {
                    endpoint.holdUntil.countDown();
                    return provider.current(connection.id());
                }));
            }
            for (Future<AccessToken> result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS).value()).isEqualTo("access-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(endpoint.calls.get()).isEqualTo(1);
    }

    @Test
    void a_token_is_refreshed_again_only_when_it_nears_expiry() {
        AccessTokenProvider provider = provider();
        provider.current(connection.id());
        ledger.clock.advance(Duration.ofMinutes(50));
        assertThat(provider.current(connection.id()).value()).isEqualTo("access-1");

        ledger.clock.advance(Duration.ofMinutes(6));

        assertThat(provider.current(connection.id()).value()).isEqualTo("access-2");
        assertThat(endpoint.calls.get()).isEqualTo(2);
    }

    @Test
    void a_refused_token_is_invalidated_for_every_worker() {
        AccessTokenProvider workerA = provider();
        AccessTokenProvider workerB = provider();
        AccessToken refused = workerA.current(connection.id());

        workerA.invalidate(connection.id(), refused);

        assertThat(workerB.current(connection.id()).value()).isEqualTo("access-2");
        assertThat(workerA.current(connection.id()).value()).isEqualTo("access-2");
    }

    @Test
    void the_stored_access_token_is_encrypted() {
        provider().current(connection.id());

        byte[] stored = ledger.jdbc.sql("SELECT token_ciphertext FROM google_access_token").query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("access-1");
    }

    @Test
    void invalid_grant_marks_the_connection_and_stops_all_further_refresh_attempts() {
        endpoint.invalidGrant = true;
        AccessTokenProvider provider = provider();

        assertThatThrownBy(() -> provider.current(connection.id()))
                .isInstanceOf(ReauthorizationRequiredException.class).hasMessageContaining("invalid_grant");
        assertThatThrownBy(() -> provider.current(connection.id()))
                .isInstanceOf(ReauthorizationRequiredException.class).hasMessageContaining("needs_reauth");

        assertThat(endpoint.calls.get()).isEqualTo(1);
        assertThat(ledger.connections.find(connection.id()).orElseThrow().status())
                .isEqualTo(ConnectionStatus.NEEDS_REAUTH);
    }

    @Test
    void a_connection_of_an_unconfigured_client_fails_with_a_clear_message() {
        long user = ledger.connections.ensureUser("v").id();
        GoogleConnection other = ledger.connections.addConnection(user, "v@example.test", "unknown-client",
                RefreshToken.of("rt"));

        assertThatThrownBy(() -> provider().current(other.id())).hasMessageContaining("unknown-client")
                .hasMessageContaining("syncplane.google.clients");
    }

    private AccessTokenProvider provider() {
        return new AccessTokenProvider(ledger.jdbc, ledger.transactions, ledger.connections,
                new SecretCipher(EncryptionKeyRing.of(Map.of("k1", PostgresLedger.TEST_KEY), "k1")), endpoint,
                properties, ledger.clock);
    }

    /** Stands in for Google's token endpoint (the emulator's is exercised by the connector tests). */
    private final class CountingRefresher implements TokenRefresher {
        final AtomicInteger calls = new AtomicInteger();
        volatile CountDownLatch holdUntil = new CountDownLatch(0);
        volatile boolean invalidGrant;

        @Override
        public AccessToken refresh(GoogleProperties.OAuthClient client, RefreshToken refreshToken) throws IOException {
            int n = calls.incrementAndGet();
            try {
                holdUntil.await(10, TimeUnit.SECONDS); // keep the lock while every other caller piles up behind it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (invalidGrant) {
                throw new InvalidGrantException("invalid_grant: Token has been expired or revoked.", null);
            }
            assertThat(client.secret()).isEqualTo("s3cret");
            assertThat(refreshToken.reveal()).isEqualTo("rt-1");
            return new AccessToken("access-" + n, ledger.clock.instant().plus(Duration.ofHours(1)));
        }
    }
}
