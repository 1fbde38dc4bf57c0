package io.syncplane.emulator.gmail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A mailbox's history records in increasing id order, and how far back they can still be answered. Records older than
 * the horizon, or beyond the newest {@code maxRecords}, are dropped; a start id that needed them is no longer
 * answerable. Not thread-safe: used only under the {@link Mailbox}'s lock.
 */
final class HistoryLog {

    private final HistorySettings settings;
    private final List<HistoryRecord> records = new ArrayList<>();
    /**
     * The smallest startHistoryId still answerable: records before it have been dropped, or were never written (a
     * seeded mailbox has no history of its seeding, so an id from before the seed cannot be answered truthfully).
     */
    private long validFrom;

    HistoryLog(HistorySettings settings, long startsAt) {
        this.settings = settings;
        this.validFrom = startsAt;
    }

    void append(List<HistoryRecord> added, long nowMillis) {
        records.addAll(added);
        prune(nowMillis);
    }

    boolean answerable(long start, long currentHistoryId, long nowMillis) {
        prune(nowMillis);
        return start >= validFrom && start <= currentHistoryId;
    }

    /** Everything before {@code floor} becomes unanswerable (admin "expire cursors"). */
    void expireBefore(long floor) {
        validFrom = floor;
        records.clear();
    }

    /** Records after {@code start} of the given kinds (all when empty) that pass {@code filter}; one extra means more. */
    HistoryPage page(long start, Set<HistoryRecord.Kind> kinds, Predicate<HistoryRecord> filter, int max,
                     long currentHistoryId) {
        List<HistoryRecord> page = new ArrayList<>(Math.min(max, 32));
        Long next = null;
        for (int i = firstAfter(start); i < records.size(); i++) {
            HistoryRecord record = records.get(i);
            if (!kinds.isEmpty() && !kinds.contains(record.kind()) || !filter.test(record)) {
                continue;
            }
            if (page.size() == max) {
                next = page.get(page.size() - 1).id();
                break;
            }
            page.add(record);
        }
        return new HistoryPage(page, next, currentHistoryId);
    }

    private void prune(long nowMillis) {
        long oldestKept = nowMillis - settings.horizon().toMillis();
        int drop = 0;
        while (drop < records.size()
                && (records.get(drop).atMillis() < oldestKept || records.size() - drop > settings.maxRecords())) {
            drop++;
        }
        if (drop > 0) {
            validFrom = Math.max(validFrom, records.get(drop - 1).id());
            records.subList(0, drop).clear();
        }
    }

    private int firstAfter(long start) {
        int low = 0;
        int high = records.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (records.get(mid).id() <= start) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
