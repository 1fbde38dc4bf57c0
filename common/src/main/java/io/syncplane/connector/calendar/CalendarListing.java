package io.syncplane.connector.calendar;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The calendars a sync covers: every entry of the user's calendar list whose events the user can read (role reader,
 * writer or owner; a freeBusyReader sees only busy blocks, which are no events to copy). Hidden calendars are still
 * the user's, so they are synced too. Sorted by id: an interrupted sync resumes in the same order.
 */
final class CalendarListing {

    /** Calendar's maximum page size for calendarList.list. */
    private static final int PAGE_SIZE = 250;
    private static final Set<String> READABLE = Set.of("reader", "writer", "owner");

    private CalendarListing() {
    }

    static List<String> readable(Calendar calendar) throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        String pageToken = null;
        do {
            CalendarList page = calendar.calendarList().list().setMinAccessRole("reader").setShowHidden(true)
                    .setMaxResults(PAGE_SIZE).setPageToken(pageToken).execute();
            if (page.getItems() != null) {
                for (CalendarListEntry entry : page.getItems()) {
                    if (entry.getId() != null && !Boolean.TRUE.equals(entry.getDeleted())
                            && READABLE.contains(entry.getAccessRole())) {
                        ids.add(entry.getId());
                    }
                }
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return List.copyOf(ids);
    }
}
