package io.syncplane.connector.gmail;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.gmail.model.ListHistoryResponse;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.store.ItemWrite;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncSession;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the mailbox's history since the stored historyId: added messages and label changes are read again (a
 * message deleted since answers 404 and becomes a tombstone), deleted messages become tombstones. The new cursor is
 * the historyId of the last page.
 *
 * <p>Checkpoint: phase {@value #PHASE}, the next history page, and the run's start historyId as pending cursor, since
 * history page tokens only continue the listing they came from.
 */
final class GmailIncrementalSync {

    static final String PHASE = "gmail-history";

    /** How the replay ended. */
    enum Outcome { COMPLETED, CURSOR_EXPIRED }

    private static final Logger log = LoggerFactory.getLogger(GmailIncrementalSync.class);

    private final PostgresItemStore items;
    private final GmailMetadataFetcher fetcher;
    private final GmailQuotaPacer pacer;
    private final long pageSize;

    GmailIncrementalSync(PostgresItemStore items, GmailMetadataFetcher fetcher, GmailQuotaPacer pacer, int pageSize) {
        this.items = items;
        this.fetcher = fetcher;
        this.pacer = pacer;
        this.pageSize = pageSize;
    }

    /** {@link Outcome#CURSOR_EXPIRED} when Gmail no longer has history from the cursor on (404). */
    Outcome run(GmailRun run, String cursor) throws IOException, InterruptedException {
        SyncSession session = run.session();
        BigInteger start = new BigInteger(cursor);
        String pageToken = session.resumeFrom()
                .filter(checkpoint -> PHASE.equals(checkpoint.phase()) && cursor.equals(checkpoint.pendingCursor()))
                .map(SyncCheckpoint::pageToken).orElse(null);
        boolean tokenFromCheckpoint = pageToken != null;
        while (true) {
            pacer.acquire(run.connectionId(), GmailQuotaPacer.HISTORY_LIST_UNITS);
            ListHistoryResponse page;
            try {
                page = run.gmail().users().history().list("me").setStartHistoryId(start).setMaxResults(pageSize)
                        .setPageToken(pageToken).execute();
            } catch (GoogleJsonResponseException e) {
                if (e.getStatusCode() == 404) {
                    return Outcome.CURSOR_EXPIRED;
                }
                if (!tokenFromCheckpoint || e.getStatusCode() != 400) {
                    throw e;
                }
                // Resuming with a token Gmail rejects would fail on every retry; replaying history already
                // written is harmless, since every write is idempotent.
                log.info("Gmail rejects the checkpoint's history page token for connection {}; replaying from {}",
                        run.connectionId(), cursor);
                pageToken = null;
                tokenFromCheckpoint = false;
                continue;
            }
            tokenFromCheckpoint = false;
            HistoryChanges changes = HistoryChanges.of(page.getHistory());
            List<SyncedItem> pageItems = new ArrayList<>(GmailMessageMapper.toItems(
                    fetcher.fetch(run.gmail(), run.connectionId(), changes.refetch()), run.skipped()));
            changes.deleted().forEach(id -> pageItems.add(GmailMessageMapper.deleted(id)));
            if (page.getNextPageToken() == null) {
                String newCursor = Objects.requireNonNull(page.getHistoryId(),
                        "history.list answered its last page without a historyId").toString();
                session.finish(() -> new SyncSession.FinalPage(write(run, pageItems), run.skipped().warning()),
                        newCursor);
                return Outcome.COMPLETED;
            }
            pageToken = page.getNextPageToken();
            session.commitPage(() -> write(run, pageItems),
                    SyncCheckpoint.of(PHASE, pageToken, SyncCounts.ZERO).withPendingCursor(cursor));
            session.stopIfRequested();
        }
    }

    private ItemWrite write(GmailRun run, List<SyncedItem> pageItems) {
        return items.write(SyncedTables.GMAIL_MESSAGE, run.connectionId(), pageItems, null);
    }
}
