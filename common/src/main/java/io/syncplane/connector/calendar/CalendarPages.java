package io.syncplane.connector.calendar;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.model.Events;
import io.syncplane.store.ItemWrite;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import java.util.List;
import java.util.Map;

/** What the full and the incremental listing agree on about Calendar's events pages. */
final class CalendarPages {

    private CalendarPages() {
    }

    /** The last page must carry the next sync token; without one there is nothing to continue from. */
    static String syncTokenOf(Events lastPage) {
        if (lastPage.getNextSyncToken() == null) {
            throw new IllegalStateException("Calendar's last events page carried no nextSyncToken");
        }
        return lastPage.getNextSyncToken();
    }

    /**
     * A page token from a checkpoint that Google no longer honours (400 invalid, 410 gone). Resuming with it would
     * fail on every retry, so the listing starts over instead.
     */
    static boolean rejectsPageToken(GoogleJsonResponseException e) {
        return e.getStatusCode() == 400 || e.getStatusCode() == 410;
    }

    /**
     * Writes one page of a calendar's events. A deleted series takes its exceptions with it: Google keeps exceptions,
     * cancelled occurrences included, only "for the lifetime of the parent recurring event", and need not send each
     * of them again when the series goes, so the stored exceptions of a series that arrives cancelled are tombstoned
     * in the same transaction.
     */
    static ItemWrite write(PostgresItemStore items, CalendarRun run, String calendarId, List<SyncedItem> rows,
                           Long generation) {
        ItemWrite written = items.write(SyncedTables.CALENDAR_EVENT, run.connectionId(), rows, generation);
        for (SyncedItem row : rows) {
            if (row.deleted() && row.columns().get("recurring_event_id") == null) {
                // Long.MAX_VALUE: every row's generation is below it, so every live exception of the series goes
                int swept = items.sweepUnseen(SyncedTables.CALENDAR_EVENT, run.connectionId(), Long.MAX_VALUE,
                        Map.of("calendar_id", calendarId, "recurring_event_id", row.key().get(1)));
                written = written.plus(new ItemWrite(0, 0, swept, 0));
            }
        }
        return written;
    }
}
