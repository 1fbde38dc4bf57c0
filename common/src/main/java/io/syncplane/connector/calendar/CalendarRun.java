package io.syncplane.connector.calendar;

import io.syncplane.connector.SkippedItems;
import com.google.api.services.calendar.Calendar;
import io.syncplane.sync.SyncSession;

/** What every step of one Calendar sync run works with. */
record CalendarRun(SyncSession session, Calendar calendar, long connectionId, SkippedItems skipped) {
}
