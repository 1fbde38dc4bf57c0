package io.syncplane.connector.calendar;

import io.syncplane.connector.SkippedItems;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleErrors;
import io.syncplane.limits.RequestScope;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.sync.SyncJob;
import io.syncplane.sync.SyncSession;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The Calendar connector for the user's primary calendar: changes since the stored sync token when there is one, a
 * full listing when there is none or Calendar answers 410 (in the same run). Rate-limit answers (403
 * userRateLimitExceeded/rateLimitExceeded/quotaExceeded, 429) end the run as rate limited; every other failure
 * propagates for the worker's backoff.
 */
public final class CalendarSyncJob implements SyncJob {

    private final GoogleClients clients;
    private final Clock clock;
    private final CalendarSyncSettings settings;
    private final CalendarFullSync full;
    private final CalendarIncrementalSync incremental;

    public CalendarSyncJob(GoogleClients clients, PostgresItemStore items, FullSyncSweep sweep, Clock clock,
                             CalendarSyncSettings settings) {
        this.clients = clients;
        this.clock = clock;
        this.settings = settings;
        this.full = new CalendarFullSync(items, sweep, settings.pageSize());
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
                new SkippedItems(connectionId, "Calendar event"));
        try {
            Optional<String> cursor = session.cursor();
            if (cursor.isPresent()) {
                if (incremental.run(run, cursor.get()) == CalendarIncrementalSync.Outcome.COMPLETED) {
                    return;
                }
                session.clearCursor("Calendar sync token expired (410 fullSyncRequired): full resync");
            }
            full.run(run);
        } catch (IOException e) {
            throw GoogleErrors.rateLimitedOr(e, clock.instant(), settings.rateLimitFallback());
        }
    }
}
