package io.syncplane.writeback;

import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.persistence.JdbcTime;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outbox contract on a real, migrated Postgres schema. */
class PostgresOutboxStoreTest extends OutboxStoreContract {

    private static PostgresLedger ledger;
    private static PostgresOutboxStore store;

    @BeforeAll
    static void createLedger() {
        ledger = PostgresLedger.create();
        store = new PostgresOutboxStore(ledger.jdbc, ledger.clock);
    }

    @AfterAll
    static void dropLedger() {
        ledger.close();
    }

    @Override
    protected OutboxStore store() {
        return store;
    }

    @Override
    protected MutableClock clock() {
        return ledger.clock;
    }

    @Override
    protected GoogleConnection newConnection() {
        GoogleConnection connection = ledger.newConnection();
        for (Source source : Source.values()) {
            ledger.states.register(new SyncKey(connection.id(), source), connection.userId(), ledger.clock.instant());
        }
        return connection;
    }

    @Override
    protected Instant pendingMarker(SyncKey key) {
        return ledger.jdbc.sql("SELECT outbox_pending_since FROM sync_state WHERE connection_id = ? AND source = ?")
                .params(key.connectionId(), key.source().id())
                .query((rs, n) -> java.util.Optional.ofNullable(JdbcTime.instant(rs, "outbox_pending_since")))
                .single().orElse(null);
    }
}
