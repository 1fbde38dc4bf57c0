package io.syncplane.connector.calendar;

import io.syncplane.connector.SkippedItems;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.model.Events;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.ItemWrite;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncSession;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists every event of the calendar (showDeleted=false, singleEvents=false: series as series), page by page; the last
 * page brings the sync token, commits it and sweeps what no page saw.
 *
 * <p>Checkpoint: phase {@value #PHASE}, the next page and the run's generation. There is no pending cursor: Calendar
 * gives the sync token only on the last page.
 */
final class CalendarFullSync {

    static final String PHASE = "calendar-full";

    private static final Logger log = LoggerFactory.getLogger(CalendarFullSync.class);

    private final PostgresItemStore items;
    private final FullSyncSweep sweep;
    private final int pageSize;

    CalendarFullSync(PostgresItemStore items, FullSyncSweep sweep, int pageSize) {
        this.items = items;
        this.sweep = sweep;
        this.pageSize = pageSize;
    }

    void run(CalendarRun run) throws IOException {
        SyncSession session = run.session();
        Optional<SyncCheckpoint> resumed = session.resumeFrom()
                .filter(checkpoint -> PHASE.equals(checkpoint.phase()) && checkpoint.pageToken() != null
                        && checkpoint.generation() != null);
        long generationSoFar = resumed.map(SyncCheckpoint::generation).orElseGet(items::newGeneration);
        String pageToken = resumed.map(SyncCheckpoint::pageToken).orElse(null);
        boolean tokenFromCheckpoint = pageToken != null;
        while (true) {
            Events page;
            try {
                page = run.calendar().events().list(CalendarPages.CALENDAR).setMaxResults(pageSize)
                        .setShowDeleted(false).setSingleEvents(false).setPageToken(pageToken).execute();
            } catch (GoogleJsonResponseException e) {
                if (!tokenFromCheckpoint || !CalendarPages.rejectsPageToken(e)) {
                    throw e;
                }
                // Resuming with it would fail on every retry, so the listing starts over, under a new generation:
                // what the earlier pages saw may be gone by now, and the new listing's sync token will not say so.
                log.info("Calendar no longer accepts the checkpoint's page token for connection {} ({}); listing "
                        + "from the start", run.connectionId(), e.getStatusCode());
                generationSoFar = items.newGeneration();
                pageToken = null;
                tokenFromCheckpoint = false;
                continue;
            }
            tokenFromCheckpoint = false;
            long generation = generationSoFar;
            List<SyncedItem> pageItems = CalendarEventMapper.toItems(CalendarPages.CALENDAR, page.getItems(),
                    run.skipped());
            if (page.getNextPageToken() == null) {
                session.finish(() -> lastPage(run, pageItems, generation), CalendarPages.syncTokenOf(page));
                return;
            }
            pageToken = page.getNextPageToken();
            session.commitPage(() -> items.write(SyncedTables.CALENDAR_EVENT, run.connectionId(), pageItems,
                    generation), SyncCheckpoint.of(PHASE, pageToken, SyncCounts.ZERO).withGeneration(generation));
            session.stopIfRequested();
        }
    }

    private SyncSession.FinalPage lastPage(CalendarRun run, List<SyncedItem> pageItems, long generation) {
        ItemWrite written = items.write(SyncedTables.CALENDAR_EVENT, run.connectionId(), pageItems, generation);
        FullSyncSweep.Result swept = sweep.sweep(SyncedTables.CALENDAR_EVENT, run.connectionId(), generation,
                Map.of("calendar_id", CalendarPages.CALENDAR), run.session().state().forceFullSync());
        return new SyncSession.FinalPage(written.plus(swept.write()),
                SkippedItems.join(swept.warning(), run.skipped().warning()));
    }
}
