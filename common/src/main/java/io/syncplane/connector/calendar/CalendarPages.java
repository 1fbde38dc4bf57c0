package io.syncplane.connector.calendar;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.model.Events;

/** What the full and the incremental listing agree on about Calendar's events pages. */
final class CalendarPages {

    /** The calendar synced, and the calendar_id its rows carry. */
    static final String CALENDAR = "primary";

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
}
