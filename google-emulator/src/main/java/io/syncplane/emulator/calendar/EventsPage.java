package io.syncplane.emulator.calendar;

import java.util.List;

/**
 * One page read under the calendar's lock, with the cursor state at the time of the read.
 *
 * @param nextKey the sort key of the last item when more items follow, else null
 */
public record EventsPage(List<CalendarEvent> items, String nextKey, long seq, int epoch) {
}
