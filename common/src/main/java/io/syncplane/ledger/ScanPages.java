package io.syncplane.ledger;

import java.util.List;
import java.util.function.Consumer;

/** Walks a scanner query page by page in keyset order, so callers only say what to do with each page. */
public final class ScanPages {

    private ScanPages() {
    }

    /** One scanner query: a page of at most {@code limit} rows after {@code position}. */
    @FunctionalInterface
    public interface Query {
        ScanPage page(ScanPosition after, int limit);
    }

    /** Hands every page's rows to {@code handler}; returns how many rows there were. */
    public static int walk(Query query, int pageSize, Consumer<List<SyncState>> handler) {
        ScanPosition position = ScanPosition.start();
        int rows = 0;
        while (true) {
            ScanPage page = query.page(position, pageSize);
            if (!page.rows().isEmpty()) {
                handler.accept(page.rows());
                rows += page.rows().size();
            }
            if (page.next().isEmpty()) {
                return rows;
            }
            position = page.next().get();
        }
    }
}
