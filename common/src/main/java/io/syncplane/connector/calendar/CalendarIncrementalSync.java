package io.syncplane.connector.calendar;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.model.Events;
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
 * Lists what changed since the stored sync token (deleted events always included, as cancelled), page by page; the
 * last page brings the next sync token. Only the sync token and page size are sent: Google rejects the listing
 * filters next to a sync token.
 *
 * <p>Checkpoint: phase {@value #PHASE}, the next page, and the run's sync token as pending cursor, since the page
 * tokens only continue the listing they came from.
 */
final class CalendarIncrementalSync {

    static final String PHASE = "calendar-changes";

    /** How the listing ended. */
    enum Outcome { COMPLETED, CURSOR_EXPIRED }

    private static final Logger log = LoggerFactory.getLogger(CalendarIncrementalSync.class);

    private final PostgresItemStore items;
    private final int pageSize;

    CalendarIncrementalSync(PostgresItemStore items, int pageSize) {
        this.items = items;
        this.pageSize = pageSize;
    }

    /** {@link Outcome#CURSOR_EXPIRED} when Calendar answers 410: the sync token is gone, a full sync is due. */
    Outcome run(CalendarRun run, String syncToken) throws IOException {
        SyncSession session = run.session();
        String pageToken = session.resumeFrom()
                .filter(checkpoint -> PHASE.equals(checkpoint.phase()) && syncToken.equals(checkpoint.pendingCursor()))
                .map(SyncCheckpoint::pageToken).orElse(null);
        boolean tokenFromCheckpoint = pageToken != null;
        while (true) {
            Events page;
            try {
                page = run.calendar().events().list(CalendarPages.CALENDAR).setMaxResults(pageSize)
                        .setSyncToken(syncToken).setPageToken(pageToken).execute();
            } catch (GoogleJsonResponseException e) {
                if (e.getStatusCode() == 410) {
                    return Outcome.CURSOR_EXPIRED;
                }
                if (!tokenFromCheckpoint || !CalendarPages.rejectsPageToken(e)) {
                    throw e;
                }
                // Re-reading changes already written is harmless: writes are idempotent.
                log.info("Calendar no longer accepts the checkpoint's page token for connection {} ({}); listing "
                        + "changes from the sync token again", run.connectionId(), e.getStatusCode());
                pageToken = null;
                tokenFromCheckpoint = false;
                continue;
            }
            tokenFromCheckpoint = false;
            List<SyncedItem> pageItems = CalendarEventMapper.toItems(CalendarPages.CALENDAR, page.getItems(),
                    run.skipped());
            if (page.getNextPageToken() == null) {
                String next = CalendarPages.syncTokenOf(page);
                session.finish(() -> new SyncSession.FinalPage(write(run, pageItems), run.skipped().warning()), next);
                return Outcome.COMPLETED;
            }
            pageToken = page.getNextPageToken();
            session.commitPage(() -> write(run, pageItems),
                    SyncCheckpoint.of(PHASE, pageToken, SyncCounts.ZERO).withPendingCursor(syncToken));
            session.stopIfRequested();
        }
    }

    private ItemWrite write(CalendarRun run, List<SyncedItem> pageItems) {
        return items.write(SyncedTables.CALENDAR_EVENT, run.connectionId(), pageItems, null);
    }
}
