package io.syncplane.connector.gmail;

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
 * The Gmail connector: an incremental sync through history.list when there is a cursor, a full sync when there is
 * none or Gmail says it is too old (404), in the same run. Gmail's rate-limit answers (403 rateLimitExceeded with its
 * retry time in the message, 429 for too many concurrent requests) end the run as rate limited; every other failure
 * propagates for the worker's backoff.
 */
public final class GmailSyncJob implements SyncJob {

    private final GoogleClients clients;
    private final Clock clock;
    private final GmailSyncSettings settings;
    private final GmailFullSync full;
    private final GmailIncrementalSync incremental;

    public GmailSyncJob(GoogleClients clients, PostgresItemStore items, FullSyncSweep sweep, Clock clock,
                        GmailSyncSettings settings) {
        this(clients, items, sweep, clock, settings, GmailQuotaPacer.sleeping(settings.unitsPerSecond(), clock));
    }

    GmailSyncJob(GoogleClients clients, PostgresItemStore items, FullSyncSweep sweep, Clock clock,
                 GmailSyncSettings settings, GmailQuotaPacer pacer) {
        this.clients = clients;
        this.clock = clock;
        this.settings = settings;
        GmailMetadataFetcher fetcher = new GmailMetadataFetcher(pacer, settings.effectiveBatchSize(), settings.fetchParallelism());
        this.full = new GmailFullSync(items, sweep, fetcher, pacer, settings.pageSize(), settings.readAhead());
        this.incremental = new GmailIncrementalSync(items, fetcher, pacer, settings.pageSize());
    }

    @Override
    public Source source() {
        return Source.GMAIL;
    }

    @Override
    public void run(SyncSession session) throws Exception {
        long connectionId = session.state().key().connectionId();
        GmailRun run = new GmailRun(session, clients.gmail(RequestScope.of(session)), connectionId,
                SkippedItems.of(session, "Gmail message"));
        try {
            Optional<String> cursor = session.cursor();
            if (cursor.isPresent()) {
                if (incremental.run(run, cursor.get()) == GmailIncrementalSync.Outcome.COMPLETED) {
                    return;
                }
                session.clearCursor("Gmail no longer has history from historyId " + cursor.get()
                        + " (404): full resync");
            }
            full.run(run);
        } catch (IOException e) {
            throw GoogleErrors.rateLimitedOr(e, clock.instant(), settings.rateLimitFallback());
        }
    }
}
