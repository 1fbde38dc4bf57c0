package io.syncplane.connector;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import io.syncplane.connection.GoogleConnection;
import io.syncplane.connection.RefreshToken;
import io.syncplane.crypto.EncryptionKeyRing;
import io.syncplane.crypto.SecretCipher;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.emulator.EmulatorBuilder;
import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.google.AccessTokenProvider;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleProperties;
import io.syncplane.google.GoogleTokenRefresher;
import io.syncplane.ledger.SyncFailure;
import io.syncplane.ledger.SyncStart;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.limits.ConnectionOwners;
import io.syncplane.limits.RequestLimits;
import io.syncplane.limits.RequestPermits;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.sync.RateLimitedException;
import io.syncplane.sync.ReauthorizationRequiredException;
import io.syncplane.sync.SyncJob;
import io.syncplane.sync.SyncSession;
import io.syncplane.sync.SyncStoppedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything a connector test needs, all real: the Google emulator on a random port, a migrated ledger in its own
 * schema, the OAuth refresh against the emulator's token endpoint, the real Google clients, the item store.
 * {@link #sync} runs a connector once the way the worker does and settles the ledger the way the worker does.
 */
public final class ConnectorHarness implements AutoCloseable {

    public final GoogleEmulator emulator;
    public final PostgresLedger ledger = PostgresLedger.create();
    public final PostgresItemStore items;
    public final FullSyncSweep sweep;
    public final GoogleClients clients;
    public final AccessTokenProvider tokens;
    private final HttpTransport transport = new NetHttpTransport();
    private final GoogleProperties properties;

    public ConnectorHarness(UnaryOperator<EmulatorBuilder> emulatorSetup) {
        emulator = emulatorSetup.apply(GoogleEmulator.builder().port(0).seed(42)).start();
        items = new PostgresItemStore(ledger.jdbc, new JdbcTemplate(ledger.schema.dataSource()), ledger.clock);
        sweep = new FullSyncSweep(items, FullSyncSweep.DEFAULT_MAX_DELETE_FRACTION);
        OAuthCredentials any = emulator.admin().credentials(emulator.admin().email(1));
        properties = new GoogleProperties(emulator.rootUrl(), emulator.tokenUrl(),
                List.of(new GoogleProperties.OAuthClient(any.clientId(), any.clientSecret())),
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(5));
        tokens = new AccessTokenProvider(ledger.jdbc, ledger.transactions, ledger.connections,
                new SecretCipher(EncryptionKeyRing.of(Map.of("k1", PostgresLedger.TEST_KEY), "k1")),
                new GoogleTokenRefresher(transport, GsonFactory.getDefaultInstance(), emulator.tokenUrl(),
                        ledger.clock),
                properties, ledger.clock);
        clients = new GoogleClients(transport, GsonFactory.getDefaultInstance(), tokens, properties);
    }

    /** The same clients, with every request under {@code permits} (the per-user request budget). */
    public GoogleClients clientsUnder(RequestPermits permits, RequestLimits limits) {
        return new GoogleClients(transport, GsonFactory.getDefaultInstance(), tokens, properties, permits, limits,
                new ConnectionOwners(ledger.connections));
    }

    /** Links emulator user {@code index} (1-based; its email and refresh token) as a connection and registers its sources. */
    public Linked link(int index) {
        String email = emulator.admin().email(index);
        OAuthCredentials credentials = emulator.admin().credentials(email);
        long user = ledger.connections.ensureUser("app-user-" + index).id();
        GoogleConnection connection = ledger.connections.addConnection(user, email, credentials.clientId(),
                RefreshToken.of(credentials.refreshToken()));
        for (Source source : Source.values()) {
            ledger.states.register(new SyncKey(connection.id(), source), user, ledger.clock.instant());
        }
        return new Linked(connection.id(), email);
    }

    public SyncState state(Linked linked, Source source) {
        return ledger.states.get(linked.key(source));
    }

    /** One run of {@code job} for {@code key}, settled in the ledger as the worker settles it. */
    public Run sync(SyncJob job, SyncKey key) {
        return sync(job, key, () -> false);
    }

    /** As {@link #sync(SyncJob, SyncKey)}, with a stop request the connector sees between pages. */
    public Run sync(SyncJob job, SyncKey key, BooleanSupplier stopRequested) {
        SyncState state = ledger.states.get(key);
        if (state.status() == SyncStatus.SYNCING) {
            throw new IllegalStateException(key + " is already syncing");
        }
        SyncState started = ledger.states.start(state, new SyncStart("test-worker", SyncTrigger.MANUAL,
                ledger.clock.instant().plus(Duration.ofMinutes(5))));
        SyncSession session = new SyncSession(started, ledger.states, ledger.transactions, ledger.clock,
                Duration.ofMinutes(5), stopRequested);
        try {
            job.run(session);
            return new Run(ledger.states.get(key), null);
        } catch (SyncStoppedException e) {
            ledger.states.release(session.state(), ledger.clock.instant());
            return new Run(ledger.states.get(key), e);
        } catch (RateLimitedException e) {
            ledger.states.rateLimit(session.state(), e.retryAt(), e.getMessage());
            return new Run(ledger.states.get(key), e);
        } catch (ReauthorizationRequiredException e) {
            ledger.states.requireReauthorization(session.state(), e.getMessage());
            return new Run(ledger.states.get(key), e);
        } catch (Exception e) {
            ledger.states.fail(session.state(), new SyncFailure(String.valueOf(e), ledger.clock.instant()));
            return new Run(ledger.states.get(key), e);
        }
    }

    /**
     * One attempt of {@code job} that dies as a worker killed with {@code kill -9} would, the first time
     * {@code killNow} says so between pages: nothing is settled, the ledger row stays syncing under the dead
     * attempt's lease. Then, as the recovery does once that lease has expired, the run is ended as interrupted with
     * its checkpoint kept, ready for another attempt to resume. Returns the recovered row.
     */
    public SyncState killedAndRecovered(SyncJob job, SyncKey key, BooleanSupplier killNow) {
        Duration lease = Duration.ofMinutes(5);
        SyncState started = ledger.states.start(ledger.states.get(key), new SyncStart("doomed-worker",
                SyncTrigger.MANUAL, ledger.clock.instant().plus(lease)));
        SyncSession session = new SyncSession(started, ledger.states, ledger.transactions, ledger.clock,
                Duration.ofMinutes(5), () -> {
                    if (killNow.getAsBoolean()) {
                        throw new Killed();
                    }
                    return false;
                });
        try {
            job.run(session);
            throw new IllegalStateException("the attempt was never killed");
        } catch (Killed expected) {
            // the process is gone: what it committed stays, nothing else happens
        } catch (Exception e) {
            throw new IllegalStateException("the attempt failed before it was killed", e);
        }
        ledger.clock.advance(lease.plusSeconds(1));
        return ledger.states.recoverInterrupted(ledger.states.get(key));
    }

    /** Not an Exception: no connector catches it, as nothing runs on in a killed process. */
    private static final class Killed extends Error {
        Killed() {
            super("killed", null, false, false);
        }
    }

    @Override
    public void close() {
        emulator.close();
        ledger.close();
    }

    public record Linked(long connectionId, String email) {
        public SyncKey key(Source source) {
            return new SyncKey(connectionId, source);
        }
    }

    /** The ledger row after the run, and what the connector threw (null when it completed). */
    public record Run(SyncState state, Exception error) {
        public boolean completed() {
            return error == null && state.status() == SyncStatus.IDLE;
        }
    }
}
