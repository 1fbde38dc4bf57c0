package io.syncplane.connector.tasks;

import io.syncplane.connector.SkippedItems;
import com.google.api.services.tasks.model.TaskList;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.limits.RequestScope;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncJob;
import io.syncplane.sync.SyncSession;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tasks connector. Google Tasks has no sync token, so the cursor is the time the last completed sync started
 * (our clock, RFC 3339), and an incremental sync asks every list for tasks updated since that time minus an overlap,
 * deleted and hidden ones included. A full sync lists every task of every list under a new generation and sweeps
 * what it did not see.
 *
 * <p>A cursor is answered with a full sync instead when it is older than the horizon (Google does not keep deleted
 * tasks forever, so the window could miss deletions) or when a list we hold live tasks of is gone at Google: an
 * updatedMin poll cannot see a whole list disappear, and the full sync's sweep, under its safety valve, tombstones
 * what went with it.
 */
public final class TasksSyncJob implements SyncJob {

    private static final Logger log = LoggerFactory.getLogger(TasksSyncJob.class);

    private final GoogleClients clients;
    private final PostgresItemStore items;
    private final FullSyncSweep sweep;
    private final StoredTaskLists stored;
    private final Clock clock;
    private final TasksConnectorProperties properties;

    public TasksSyncJob(GoogleClients clients, PostgresItemStore items, FullSyncSweep sweep, StoredTaskLists stored,
                        Clock clock, TasksConnectorProperties properties) {
        this.clients = clients;
        this.items = items;
        this.sweep = sweep;
        this.stored = stored;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Source source() {
        return Source.TASKS;
    }

    @Override
    public void run(SyncSession session) throws Exception {
        long connectionId = session.state().key().connectionId();
        Instant runStart = runStart(session);
        TasksReader reader = new TasksReader(clients.tasks(RequestScope.of(session)), properties, clock);
        TaskListWalk walk = new TaskListWalk(reader, items, connectionId);
        List<TaskList> lists = reader.allLists();
        Optional<String> cursor = session.cursor();
        if (cursor.isPresent()) {
            Optional<String> whyFull = whyFullSync(cursor.get(), lists, connectionId);
            if (whyFull.isEmpty()) {
                Instant since = Instant.parse(cursor.get()).minus(properties.overlap());
                if (walk.run(session, lists, TaskListWalk.Plan.changesSince(since, runStart))
                        == TaskListWalk.Outcome.COMPLETED) {
                    return;
                }
                whyFull = Optional.of("a task list disappeared during the sync");
            }
            log.info("Connection {}: full Tasks sync instead of incremental: {}", connectionId, whyFull.get());
            session.clearCursor(whyFull.get());
        }
        long generation = items.generationFor(session.resumeFrom(), phase -> phase.startsWith(TaskListWalk.FULL + ":"));
        walk.run(session, lists, TaskListWalk.Plan.full(generation, runStart, (lastWrite, skipped) -> {
            FullSyncSweep.Result swept = sweep.sweep(SyncedTables.TASK, connectionId, generation, Map.of(),
                    session.state().forceFullSync());
            return new SyncSession.FinalPage(lastWrite.plus(swept.write()), SkippedItems.join(swept.warning(), skipped.warning()));
        }));
    }

    /**
     * The cursor this run commits: when its first attempt started. A resumed run keeps the first attempt's time, so
     * nothing changed since then is left for no one to read.
     */
    private Instant runStart(SyncSession session) {
        return session.resumeFrom().map(SyncCheckpoint::pendingCursor).flatMap(TasksSyncJob::parse)
                .orElseGet(clock::instant);
    }

    private Optional<String> whyFullSync(String cursor, List<TaskList> lists, long connectionId) {
        Optional<Instant> since = parse(cursor);
        if (since.isEmpty()) {
            return Optional.of("unreadable cursor '" + cursor + "'");
        }
        if (since.get().isBefore(clock.instant().minus(properties.horizon()))) {
            return Optional.of("cursor " + cursor + " is older than the " + properties.horizon() + " horizon");
        }
        Set<String> gone = new TreeSet<>(stored.withLiveTasks(connectionId));
        lists.forEach(list -> gone.remove(list.getId()));
        return gone.isEmpty() ? Optional.empty() : Optional.of("task lists gone at Google: " + gone);
    }


    private static Optional<Instant> parse(String instant) {
        try {
            return instant == null ? Optional.empty() : Optional.of(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
