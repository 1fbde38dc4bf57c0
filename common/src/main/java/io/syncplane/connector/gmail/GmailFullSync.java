package io.syncplane.connector.gmail;

import io.syncplane.connector.ReadAhead;
import io.syncplane.connector.SkippedItems;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.ItemWrite;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncSession;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole mailbox: the mailbox's historyId first (the cursor the run will leave, so whatever changes while the
 * listing runs is replayed by the next incremental sync), then messages.list page by page, each page's metadata in
 * batches. SPAM and TRASH are included: history.list reports them too, and a copy without them would lose messages
 * to a resync that an incremental sync keeps. The last page sweeps what no page saw. The next page is read (list and
 * metadata) while the last one is written, one page ahead at most ({@link ReadAhead}).
 *
 * <p>Checkpoint: phase {@value #PHASE}, the next list page, the historyId read at the start as pending cursor, the
 * run's generation and Gmail's size estimate.
 */
final class GmailFullSync {

    static final String PHASE = "gmail-full";

    private static final Logger log = LoggerFactory.getLogger(GmailFullSync.class);

    private final PostgresItemStore items;
    private final FullSyncSweep sweep;
    private final GmailMetadataFetcher fetcher;
    private final GmailQuotaPacer pacer;
    private final long pageSize;
    private final boolean readAhead;

    GmailFullSync(PostgresItemStore items, FullSyncSweep sweep, GmailMetadataFetcher fetcher, GmailQuotaPacer pacer,
                  int pageSize, boolean readAhead) {
        this.items = items;
        this.sweep = sweep;
        this.fetcher = fetcher;
        this.pacer = pacer;
        this.pageSize = pageSize;
        this.readAhead = readAhead;
    }

    void run(GmailRun run) throws IOException, InterruptedException {
        SyncSession session = run.session();
        Position at = resumed(session).orElse(null);
        if (at == null) {
            pacer.acquire(run.connectionId(), GmailQuotaPacer.PROFILE_UNITS);
            String historyId = run.gmail().users().getProfile("me").execute().getHistoryId().toString();
            at = new Position(null, historyId, items.newGeneration(), null);
        }
        boolean tokenFromCheckpoint = at.pageToken() != null;
        try (ReadAhead<Page> ahead = ReadAhead.of(readAhead)) {
            String firstToken = at.pageToken();
            ahead.start(() -> read(run, firstToken));
            while (true) {
                Page page = ahead.take();
                if (page.listFailure() != null) {
                    if (!tokenFromCheckpoint || page.listFailure().getStatusCode() != 400) {
                        throw page.listFailure();
                    }
                    // Resuming with a token Gmail rejects would fail on every retry, so the listing starts over,
                    // under a new generation: what the earlier pages saw may be gone by now. The older pending cursor
                    // stays; it only makes the next incremental sync replay a little more.
                    log.info("Gmail rejects the checkpoint's page token for connection {}; listing from the start",
                            run.connectionId());
                    at = at.restarted(items.newGeneration());
                    tokenFromCheckpoint = false;
                    ahead.start(() -> read(run, null));
                    continue;
                }
                tokenFromCheckpoint = false;
                String nextToken = page.list().getNextPageToken();
                if (nextToken != null) {
                    // the next page travels while this one is mapped and written
                    ahead.start(() -> read(run, nextToken));
                }
                // mapped here, not on the reader, because skipped items are recorded in the session
                List<SyncedItem> pageItems = GmailMessageMapper.toItems(page.fetched(), run.skipped());
                long generation = at.generation();
                if (nextToken == null) {
                    session.finish(() -> lastPage(run, pageItems, generation), at.historyId());
                    return;
                }
                Long estimate = page.list().getResultSizeEstimate();
                at = new Position(nextToken, at.historyId(), generation, estimate != null ? estimate
                        : at.estimatedTotal());
                session.commitPage(() -> items.write(SyncedTables.GMAIL_MESSAGE, run.connectionId(), pageItems,
                        generation), at.checkpoint());
                session.stopIfRequested();
            }
        }
    }

    /**
     * One list page and its messages' metadata. A failure of the list request itself comes back as a value, so the
     * caller can tell a rejected checkpoint token from a failed metadata fetch, as it could when both ran inline.
     */
    private Page read(GmailRun run, String pageToken) throws IOException, InterruptedException {
        pacer.acquire(run.connectionId(), GmailQuotaPacer.MESSAGES_LIST_UNITS);
        ListMessagesResponse list;
        try {
            list = run.gmail().users().messages().list("me").setMaxResults(pageSize)
                    .setIncludeSpamTrash(true).setPageToken(pageToken).execute();
        } catch (GoogleJsonResponseException e) {
            return new Page(null, null, e);
        }
        List<String> ids = list.getMessages() == null ? List.of()
                : list.getMessages().stream().map(Message::getId).toList();
        return new Page(list, fetcher.fetch(run.gmail(), run.connectionId(), ids), null);
    }

    /** A page as read: the listing, its metadata, or the list request's failure. */
    private record Page(ListMessagesResponse list, GmailMetadataFetcher.Fetched fetched,
                        GoogleJsonResponseException listFailure) {
    }

    private SyncSession.FinalPage lastPage(GmailRun run, List<SyncedItem> pageItems, long generation) {
        ItemWrite written = items.write(SyncedTables.GMAIL_MESSAGE, run.connectionId(), pageItems, generation);
        FullSyncSweep.Result swept = sweep.sweep(SyncedTables.GMAIL_MESSAGE, run.connectionId(), generation,
                Map.of(), run.session().state().forceFullSync());
        return new SyncSession.FinalPage(written.plus(swept.write()),
                SkippedItems.join(swept.warning(), run.skipped().warning()));
    }

    private static Optional<Position> resumed(SyncSession session) {
        return session.resumeFrom()
                .filter(checkpoint -> PHASE.equals(checkpoint.phase()) && checkpoint.pageToken() != null
                        && checkpoint.pendingCursor() != null && checkpoint.generation() != null)
                .map(checkpoint -> new Position(checkpoint.pageToken(), checkpoint.pendingCursor(),
                        checkpoint.generation(), checkpoint.estimatedTotal()));
    }

    /** Where the listing stands: the next page, the cursor to leave, the generation, Gmail's estimate. */
    private record Position(String pageToken, String historyId, long generation, Long estimatedTotal) {
        Position restarted(long newGeneration) {
            return new Position(null, historyId, newGeneration, estimatedTotal);
        }

        SyncCheckpoint checkpoint() {
            return SyncCheckpoint.of(PHASE, pageToken, SyncCounts.ZERO).withPendingCursor(historyId)
                    .withGeneration(generation).withEstimatedTotal(estimatedTotal);
        }
    }
}
