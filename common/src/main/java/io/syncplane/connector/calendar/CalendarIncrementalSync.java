package io.syncplane.connector.calendar;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.model.Events;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.sync.SyncSession;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists what changed in one calendar since its sync token (deleted events always included, as cancelled), page by
 * page; the last page brings the next sync token. Only the sync token and page size are sent: Google rejects the
 * listing filters next to a sync token. The calendar's old token stays in the pending cursor until its last page
 * commits, since page tokens only continue the listing they came from.
 */
final class CalendarIncrementalSync {

    /** How the listing ended. */
    enum Outcome { COMPLETED, CURSOR_EXPIRED }

    private static final Logger log = LoggerFactory.getLogger(CalendarIncrementalSync.class);

    private final PostgresItemStore items;
    private final int pageSize;

    CalendarIncrementalSync(PostgresItemStore items, int pageSize) {
        this.items = items;
        this.pageSize = pageSize;
    }

    /** {@link Outcome#CURSOR_EXPIRED} when Calendar answers 410: this calendar's token is gone, a resync is due. */
    Outcome run(CalendarRun run, CalendarPass pass, String calendarId, String pageToken) throws IOException {
        SyncSession session = run.session();
        String syncToken = pass.tokenOf(calendarId);
        boolean tokenFromCheckpoint = pageToken != null;
        while (true) {
            Events page;
            try {
                page = run.calendar().events().list(calendarId).setMaxResults(pageSize)
                        .setSyncToken(syncToken).setPageToken(pageToken).execute();
            } catch (GoogleJsonResponseException e) {
                if (e.getStatusCode() == 410) {
                    return Outcome.CURSOR_EXPIRED;
                }
                if (!tokenFromCheckpoint || !CalendarPages.rejectsPageToken(e)) {
                    throw e;
                }
                // Re-reading changes already written is harmless: writes are idempotent.
                log.info("Calendar no longer accepts the checkpoint's page token for calendar {} of connection {} "
                        + "({}); listing changes from the sync token again", calendarId, run.connectionId(),
                        e.getStatusCode());
                pageToken = null;
                tokenFromCheckpoint = false;
                continue;
            }
            tokenFromCheckpoint = false;
            List<SyncedItem> pageItems = CalendarEventMapper.toItems(calendarId, page.getItems(), run.skipped());
            if (page.getNextPageToken() == null) {
                pass.closeCalendar(calendarId, () -> new SyncSession.FinalPage(
                        CalendarPages.write(items, run, calendarId, pageItems, null), null),
                        CalendarPages.syncTokenOf(page));
                return Outcome.COMPLETED;
            }
            pageToken = page.getNextPageToken();
            session.commitPage(() -> CalendarPages.write(items, run, calendarId, pageItems, null),
                    pass.checkpoint(CalendarPass.CHANGES, calendarId, pageToken, null));
            session.stopIfRequested();
        }
    }
}
