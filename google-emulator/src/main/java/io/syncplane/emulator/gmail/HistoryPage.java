package io.syncplane.emulator.gmail;

import java.util.List;

/** One page of history.list; {@code nextStart} (the last id returned) is null on the last page. */
public record HistoryPage(List<HistoryRecord> records, Long nextStart, long historyId) {
}
