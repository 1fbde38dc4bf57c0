package io.syncplane.connector.calendar;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.model.Events;
import io.syncplane.connector.ReadAhead;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.ItemWrite;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.sync.SyncSession;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import io.syncplane.store.SyncedTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists every event of one calendar (showDeleted=false, singleEvents=false: series as series, with their exceptions
 * and cancelled occurrences, as Google lists them), page by page; the last page brings the calendar's sync token.
 * In a full run ({@link CalendarPass#FULL}) the rows carry the run's generation and the run's last page sweeps; when
 * one calendar is resynced on its own ({@link CalendarPass#RESYNC}) its listing has its own generation and its last
 * page sweeps that calendar only. The next page is read while the last one is written, one page ahead at most
 * ({@link ReadAhead}), as in Gmail's full sync.
 */
final class CalendarFullSync {

    /** How the listing ended. */
    enum Outcome { COMPLETED, RESTART_RUN }

    private static final Logger log = LoggerFactory.getLogger(CalendarFullSync.class);

    private final PostgresItemStore items;
    private final FullSyncSweep sweep;
    private final int pageSize;
    private final boolean readAhead;

    CalendarFullSync(PostgresItemStore items, FullSyncSweep sweep, int pageSize, boolean readAhead) {
        this.items = items;
        this.sweep = sweep;
        this.pageSize = pageSize;
        this.readAhead = readAhead;
    }

    /**
     * @param step       {@link CalendarPass#FULL} or {@link CalendarPass#RESYNC}
     * @param pageToken  where an interrupted attempt stopped in this listing, or null
     * @param generation that attempt's generation (null: a resync starts a new one; a full run has the run's)
     * @return {@link Outcome#RESTART_RUN} when a full run's checkpoint page token is refused: the run starts over
     */
    Outcome run(CalendarRun run, CalendarPass pass, String calendarId, String step, String pageToken,
                Long generation) throws IOException, InterruptedException {
        SyncSession session = run.session();
        boolean resync = CalendarPass.RESYNC.equals(step);
        long generationSoFar = resync ? (generation != null ? generation : items.newGeneration())
                : pass.runGeneration();
        boolean tokenFromCheckpoint = pageToken != null;
        try (ReadAhead<Listed> ahead = ReadAhead.of(readAhead)) {
            String firstToken = pageToken;
            ahead.start(() -> list(run, calendarId, firstToken));
            while (true) {
                Listed listed = ahead.take();
                if (listed.failure() != null) {
                    if (!tokenFromCheckpoint || !CalendarPages.rejectsPageToken(listed.failure())) {
                        throw listed.failure();
                    }
                    // Resuming with it would fail on every retry, so the listing starts over, under a new generation:
                    // what the earlier pages saw may be gone by now, and the new listing's sync token will not say
                    // so. A full run's generation covers every calendar, so the whole run starts over.
                    log.info("Calendar no longer accepts the checkpoint's page token for calendar {} of connection {} "
                            + "({}); listing from the start", calendarId, run.connectionId(),
                            listed.failure().getStatusCode());
                    if (!resync) {
                        return Outcome.RESTART_RUN;
                    }
                    generationSoFar = items.newGeneration();
                    tokenFromCheckpoint = false;
                    ahead.start(() -> list(run, calendarId, null));
                    continue;
                }
                tokenFromCheckpoint = false;
                Events page = listed.page();
                String nextToken = page.getNextPageToken();
                if (nextToken != null) {
                    // the next page travels while this one is mapped and written
                    ahead.start(() -> list(run, calendarId, nextToken));
                }
                long pageGeneration = generationSoFar;
                // mapped here, not on the reader, because skipped items are recorded in the session
                List<SyncedItem> pageItems = CalendarEventMapper.toItems(calendarId, page.getItems(), run.skipped());
                if (nextToken == null) {
                    pass.closeCalendar(calendarId, () -> lastPage(run, calendarId, pageItems, pageGeneration, resync),
                            CalendarPages.syncTokenOf(page));
                    return Outcome.COMPLETED;
                }
                session.commitPage(() -> CalendarPages.write(items, run, calendarId, pageItems, pageGeneration),
                        pass.checkpoint(step, calendarId, nextToken, pageGeneration));
                session.stopIfRequested();
            }
        }
    }

    /** One events page, or the failure of its request as a value (so a refused checkpoint token can be told apart). */
    private record Listed(Events page, GoogleJsonResponseException failure) {
    }

    private Listed list(CalendarRun run, String calendarId, String pageToken) throws IOException {
        try {
            return new Listed(run.calendar().events().list(calendarId).setMaxResults(pageSize)
                    .setShowDeleted(false).setSingleEvents(false).setPageToken(pageToken).execute(), null);
        } catch (GoogleJsonResponseException e) {
            return new Listed(null, e);
        }
    }

    private SyncSession.FinalPage lastPage(CalendarRun run, String calendarId, List<SyncedItem> pageItems,
                                           long generation, boolean resync) {
        ItemWrite written = CalendarPages.write(items, run, calendarId, pageItems, generation);
        if (!resync) {
            return new SyncSession.FinalPage(written, null);
        }
        FullSyncSweep.Result swept = sweep.sweep(SyncedTables.CALENDAR_EVENT, run.connectionId(), generation,
                Map.of("calendar_id", calendarId), run.session().state().forceFullSync());
        return new SyncSession.FinalPage(written.plus(swept.write()), swept.warning());
    }
}
