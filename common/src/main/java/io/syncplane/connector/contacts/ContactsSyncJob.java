package io.syncplane.connector.contacts;

import io.syncplane.connector.SkippedItems;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.limits.RequestScope;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncJob;
import io.syncplane.sync.SyncSession;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Contacts connector: People {@code connections.list} with sync tokens. Without a cursor it lists everything
 * (marking each row with a new generation) and sweeps what it did not see; with one it reads the changes since it,
 * deleted contacts included. When People says the token expired (also on a resumed page), the cursor is cleared and
 * the same run continues as a full sync.
 */
public final class ContactsSyncJob implements SyncJob {

    private static final Logger log = LoggerFactory.getLogger(ContactsSyncJob.class);

    private final GoogleClients clients;
    private final PostgresItemStore items;
    private final FullSyncSweep sweep;
    private final Clock clock;
    private final ContactsConnectorProperties properties;

    public ContactsSyncJob(GoogleClients clients, PostgresItemStore items, FullSyncSweep sweep, Clock clock,
                           ContactsConnectorProperties properties) {
        this.clients = clients;
        this.items = items;
        this.sweep = sweep;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Source source() {
        return Source.CONTACTS;
    }

    @Override
    public void run(SyncSession session) throws Exception {
        long connectionId = session.state().key().connectionId();
        ConnectionsPass pass = new ConnectionsPass(new PeopleConnectionsReader(
                clients.people(RequestScope.of(session)), properties, clock), items, connectionId);
        Optional<String> cursor = session.cursor();
        if (cursor.isPresent()) {
            if (pass.run(session, ConnectionsPass.Plan.changesSince(cursor.get()))
                    == ConnectionsPass.Outcome.COMPLETED) {
                return;
            }
            log.info("Connection {}: People sync token expired; continuing as a full sync", connectionId);
            session.clearCursor("People sync token expired (EXPIRED_SYNC_TOKEN)");
        }
        long generation = items.generationFor(session.resumeFrom(), ConnectionsPass.FULL::equals);
        pass.run(session, ConnectionsPass.Plan.full(generation, (lastWrite, skipped) -> {
            FullSyncSweep.Result swept = sweep.sweep(SyncedTables.CONTACT, connectionId, generation,
                    Map.of(), session.state().forceFullSync());
            return new SyncSession.FinalPage(lastWrite.plus(swept.write()), SkippedItems.join(swept.warning(), skipped.warning()));
        }));
    }

}
