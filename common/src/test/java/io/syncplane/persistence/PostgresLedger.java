package io.syncplane.persistence;

import io.syncplane.connection.AppUser;
import io.syncplane.connection.GoogleConnection;
import io.syncplane.connection.PostgresConnectionStore;
import io.syncplane.connection.RefreshToken;
import io.syncplane.crypto.EncryptionKeyRing;
import io.syncplane.crypto.SecretCipher;
import io.syncplane.ledger.PostgresSyncRunStore;
import io.syncplane.ledger.PostgresSyncStateScanner;
import io.syncplane.ledger.PostgresSyncStateStore;
import io.syncplane.testing.MutableClock;
import io.syncplane.testing.PostgresSchema;
import io.syncplane.testing.TestBackends;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A migrated schema of its own with every Postgres store wired to one test clock. Close to drop the schema. */
public final class PostgresLedger implements AutoCloseable {

    public static final String TEST_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public final PostgresSchema schema;
    public final MutableClock clock;
    public final JdbcClient jdbc;
    public final TransactionTemplate transactions;
    public final PostgresSyncRunStore runs;
    public final PostgresSyncStateStore states;
    public final PostgresSyncStateScanner scanner;
    public final PostgresConnectionStore connections;
    private final AtomicInteger accounts = new AtomicInteger();

    private PostgresLedger(MutableClock clock) {
        this.schema = TestBackends.newPostgresSchema();
        this.clock = clock;
        SchemaMigrations.apply(schema.dataSource());
        this.jdbc = JdbcClient.create(schema.dataSource());
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(schema.dataSource()));
        this.runs = new PostgresSyncRunStore(jdbc);
        this.states = new PostgresSyncStateStore(jdbc, transactions, runs, clock);
        this.scanner = new PostgresSyncStateScanner(jdbc);
        this.connections = new PostgresConnectionStore(jdbc,
                new SecretCipher(EncryptionKeyRing.of(Map.of("k1", TEST_KEY), "k1")), clock);
    }

    public static PostgresLedger create() {
        return new PostgresLedger(MutableClock.startingAt("2026-11-21T10:00:00Z"));
    }

    /** A fresh user with one Google connection. */
    public GoogleConnection newConnection() {
        int n = accounts.incrementAndGet();
        AppUser user = connections.ensureUser("user-" + n);
        return connections.addConnection(user.id(), "user" + n + "@example.test", "client-" + n,
                RefreshToken.of("refresh-token-" + n));
    }

    @Override
    public void close() {
        schema.close();
    }
}
