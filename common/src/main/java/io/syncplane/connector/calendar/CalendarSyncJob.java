package io.syncplane.connector.calendar;

import io.syncplane.connector.SkippedItems;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleErrors;
import io.syncplane.limits.RequestScope;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.ItemWrite;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.sync.SyncJob;
import io.syncplane.sync.SyncSession;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Calendar connector: every calendar in the user's calendar list that the user can read, each with its own sync
 * token (see {@link CalendarCursor} and {@link CalendarPass}). Each run reads the calendar list first (one request),
 * then continues every calendar from its token; a calendar whose token Calendar answers with 410 is listed in full
 * in the same run, alone. Rate-limit answers (403 userRateLimitExceeded/rateLimitExceeded/quotaExceeded, 429) end the
 * run as rate limited; every other failure propagates for the worker's backoff.
 */
public final class CalendarSyncJob implements SyncJob {

    private static final Logger log = LoggerFactory.getLogger(CalendarSyncJob.class);

    private final GoogleClients clients;
    private final PostgresItemStore items;
    private final FullSyncSweep sweep;
    private final Clock clock;
    private final CalendarSyncSettings settings;
    private final CalendarFullSync full;
    private final CalendarIncrementalSync incremental;

    public CalendarSyncJob(GoogleClients clients, PostgresItemStore items, FullSyncSweep sweep, Clock clock,
                             CalendarSyncSettings settings) {
        this.clients = clients;
        this.items = items;
        this.sweep = sweep;
        this.clock = clock;
        this.settings = settings;
        this.full = new CalendarFullSync(items, sweep, settings.pageSize(), settings.readAhead());
        this.incremental = new CalendarIncrementalSync(items, settings.pageSize());
    }

    @Override
    public Source source() {
        return Source.CALENDAR;
    }

    @Override
    public void run(SyncSession session) throws Exception {
        long connectionId = session.state().key().connectionId();
        CalendarRun run = new CalendarRun(session, clients.calendar(RequestScope.of(session)), connectionId,
                SkippedItems.of(session, "Calendar event"));
        try {
            List<String> calendars = CalendarListing.readable(run.calendar());
            Optional<CalendarCursor> cursor = session.cursor().flatMap(CalendarCursor::parse);
            if (session.cursor().isPresent() && cursor.isEmpty()) {
                // the bare token of the primary calendar, from before calendars were synced one by one: its rows
                // carry calendar_id 'primary', which the full run's sweep retires
                session.clearCursor("Calendar cursor from before per-calendar sync tokens: full resync of every "
                        + "calendar");
            }
            boolean useCheckpoint = true;
            while (walk(run, CalendarPass.start(run, items, sweep, calendars, cursor, useCheckpoint))
                    == CalendarFullSync.Outcome.RESTART_RUN) {
                useCheckpoint = false;
            }
        } catch (IOException e) {
            throw GoogleErrors.rateLimitedOr(e, clock.instant(), settings.rateLimitFallback());
        }
    }

    private CalendarFullSync.Outcome walk(CalendarRun run, CalendarPass pass)
            throws IOException, InterruptedException {
        List<String> calendars = pass.calendars();
        CalendarPass.Resume resume = pass.resume();
        if (resume.index() >= calendars.size()) {
            // no readable calendar left after the checkpoint's (or none at all): only the closing sweep remains
            pass.finish(() -> new SyncSession.FinalPage(ItemWrite.NONE, null));
            return CalendarFullSync.Outcome.COMPLETED;
        }
        for (int i = resume.index(); i < calendars.size(); i++) {
            String calendarId = calendars.get(i);
            boolean resumed = i == resume.index() && resume.phase() != null;
            String step = resumed ? resume.phase() : pass.stepOf(calendarId);
            String pageToken = resumed ? resume.pageToken() : null;
            Long generation = resumed ? resume.generation() : null;
            if (CalendarPass.CHANGES.equals(step)) {
                if (incremental.run(run, pass, calendarId, pageToken) == CalendarIncrementalSync.Outcome.COMPLETED) {
                    continue;
                }
                log.info("Connection {}: Calendar answered 410 fullSyncRequired for calendar {}; resyncing that "
                        + "calendar", run.connectionId(), calendarId);
                pass.forget(calendarId);
                step = CalendarPass.RESYNC;
                pageToken = null;
                generation = null;
            }
            if (full.run(run, pass, calendarId, step, pageToken, generation)
                    == CalendarFullSync.Outcome.RESTART_RUN) {
                return CalendarFullSync.Outcome.RESTART_RUN;
            }
        }
        return CalendarFullSync.Outcome.COMPLETED;
    }
}
