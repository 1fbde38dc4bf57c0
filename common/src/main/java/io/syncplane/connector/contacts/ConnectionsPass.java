package io.syncplane.connector.contacts;

import io.syncplane.connector.SkippedItems;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.store.ItemWrite;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncSession;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the connections listing, full or since a sync token. Each page commits with the checkpoint after
 * it (its phase and the next page token); the last page commits with People's nextSyncToken as the new cursor. A pass
 * resumes from its own phase's checkpoint and ignores any other.
 */
final class ConnectionsPass {

    static final String FULL = "full";
    static final String CHANGES = "changes";

    private static final Logger log = LoggerFactory.getLogger(ConnectionsPass.class);

    private final PeopleConnectionsReader reader;
    private final PostgresItemStore items;
    private final long connectionId;

    ConnectionsPass(PeopleConnectionsReader reader, PostgresItemStore items, long connectionId) {
        this.reader = reader;
        this.items = items;
        this.connectionId = connectionId;
    }

    /** How the last page closes the run: a full sync adds its sweep there, in the same transaction. */
    @FunctionalInterface
    interface LastPage {
        SyncSession.FinalPage close(ItemWrite lastWrite, SkippedItems skipped);
    }

    /**
     * @param phase      the checkpoint phase of this pass
     * @param syncToken  null for a full listing
     * @param generation the full sync's generation; null for an incremental pass
     */
    record Plan(String phase, String syncToken, Long generation, LastPage lastPage) {

        static Plan full(long generation, LastPage lastPage) {
            return new Plan(FULL, null, generation, lastPage);
        }

        static Plan changesSince(String syncToken) {
            return new Plan(CHANGES, syncToken, null,
                    (write, skipped) -> new SyncSession.FinalPage(write, skipped.warning()));
        }

        boolean fullSync() {
            return syncToken == null;
        }
    }

    enum Outcome { COMPLETED, SYNC_TOKEN_EXPIRED }

    Outcome run(SyncSession session, Plan plan) throws IOException {
        SyncCheckpoint resume = session.resumeFrom().filter(cp -> plan.phase().equals(cp.phase())).orElse(null);
        String pageToken = resume == null ? null : resume.pageToken();
        boolean tokenFromCheckpoint = pageToken != null;
        Long estimate = resume == null ? null : resume.estimatedTotal();
        SkippedItems skipped = SkippedItems.of(session, "contact");
        while (true) {
            session.stopIfRequested();
            ListConnectionsResponse page;
            try {
                page = reader.read(plan.syncToken(), pageToken);
            } catch (GoogleJsonResponseException e) {
                if (!plan.fullSync() && PeopleConnectionsReader.isExpiredSyncToken(e)) {
                    return Outcome.SYNC_TOKEN_EXPIRED;
                }
                if (tokenFromCheckpoint && PeopleConnectionsReader.isRejectedPageToken(e)) {
                    log.warn("Connection {}: People rejected the checkpoint's page token ({}); restarting the {} pass",
                            connectionId, e.getStatusMessage(), plan.phase());
                    pageToken = null;
                    tokenFromCheckpoint = false;
                    continue;
                }
                throw e;
            }
            tokenFromCheckpoint = false;
            List<SyncedItem> rows = PersonMapper.mapAll(page.getConnections(), skipped);
            if (plan.fullSync() && page.getTotalItems() != null) {
                estimate = page.getTotalItems().longValue();
            }
            String next = page.getNextPageToken();
            if (next == null) {
                String cursor = page.getNextSyncToken();
                if (cursor == null || cursor.isBlank()) {
                    throw new IllegalStateException("People ended the listing without a nextSyncToken");
                }
                session.finish(() -> plan.lastPage().close(write(rows, plan), skipped), cursor);
                return Outcome.COMPLETED;
            }
            session.commitPage(() -> write(rows, plan), SyncCheckpoint.of(plan.phase(), next, SyncCounts.ZERO)
                    .withGeneration(plan.generation()).withEstimatedTotal(estimate));
            pageToken = next;
        }
    }

    private ItemWrite write(List<SyncedItem> rows, Plan plan) {
        return items.write(SyncedTables.CONTACT, connectionId, rows, plan.generation());
    }
}
