package io.syncplane.worker;

import io.syncplane.domain.Source;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncJob;
import io.syncplane.sync.SyncSession;
import io.syncplane.sync.SyncStoppedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A connector for tests: writes {@code pages} pages of {@code pageSize} Gmail rows, resuming from the checkpoint's
 * page token like a real connector. It can be told to hang after a page (a worker frozen or killed mid-sync) or to
 * throw instead of running.
 */
final class PagedTestJob implements SyncJob {

    private final PostgresItemStore items;
    private final int pages;
    private final int pageSize;
    private final int hangAfterPage;
    final CountDownLatch hanging = new CountDownLatch(1);
    final CountDownLatch resume = new CountDownLatch(1);
    final AtomicInteger pagesWritten = new AtomicInteger();
    volatile Supplier<RuntimeException> failure;

    PagedTestJob(PostgresItemStore items, int pages, int pageSize, int hangAfterPage) {
        this.items = items;
        this.pages = pages;
        this.pageSize = pageSize;
        this.hangAfterPage = hangAfterPage;
    }

    @Override
    public Source source() {
        return Source.GMAIL;
    }

    @Override
    public void run(SyncSession session) throws InterruptedException {
        if (failure != null) {
            throw failure.get();
        }
        long connection = session.state().key().connectionId();
        int page = session.resumeFrom().map(cp -> Integer.parseInt(cp.pageToken())).orElse(1);
        for (; page <= pages; page++) {
            session.stopIfRequested();
            List<SyncedItem> rows = rows(page);
            if (page == pages) {
                session.complete(() -> items.write(SyncedTables.GMAIL_MESSAGE, connection, rows, null), "cursor-" + pages);
            } else {
                session.commitPage(() -> items.write(SyncedTables.GMAIL_MESSAGE, connection, rows, null),
                        SyncCheckpoint.of("list", String.valueOf(page + 1), SyncCounts.ZERO));
            }
            pagesWritten.incrementAndGet();
            if (page == hangAfterPage) {
                hanging.countDown();
                // stands for a page fetch that takes forever; a stop request still gets through, as between pages
                while (!resume.await(10, TimeUnit.MILLISECONDS)) {
                    if (session.stopRequested()) {
                        throw new SyncStoppedException();
                    }
                }
            }
        }
    }

    private List<SyncedItem> rows(int page) {
        List<SyncedItem> rows = new ArrayList<>();
        for (int i = 0; i < pageSize; i++) {
            String id = "m" + page + "-" + i;
            rows.add(SyncedItem.live(List.of(id), Map.of("subject", "page " + page), "{\"id\":\"" + id + "\"}"));
        }
        return rows;
    }
}
