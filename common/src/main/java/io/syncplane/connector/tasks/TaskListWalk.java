package io.syncplane.connector.tasks;

import io.syncplane.connector.SkippedItems;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.tasks.model.Task;
import com.google.api.services.tasks.model.TaskList;
import io.syncplane.ledger.SyncCheckpoint;
import io.syncplane.ledger.SyncCounts;
import io.syncplane.store.ItemWrite;
import io.syncplane.store.PostgresItemStore;
import io.syncplane.store.SyncedItem;
import io.syncplane.store.SyncedTables;
import io.syncplane.sync.SyncSession;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over every task list, page by page: a full listing or the changes since a time. Each page commits with a
 * checkpoint whose phase names the list to continue in ({@code full:<listId>}, {@code changes:<listId>}) and whose
 * page token is where in it; the pending cursor is the time the run started. The last page of the last list commits
 * with that time as the new cursor.
 */
final class TaskListWalk {

    static final String FULL = "full";
    static final String CHANGES = "changes";

    private static final Logger log = LoggerFactory.getLogger(TaskListWalk.class);

    private final TasksReader reader;
    private final PostgresItemStore items;
    private final long connectionId;

    TaskListWalk(TasksReader reader, PostgresItemStore items, long connectionId) {
        this.reader = reader;
        this.items = items;
        this.connectionId = connectionId;
    }

    /** How the last page closes the run: a full sync adds its sweep there, in the same transaction. */
    @FunctionalInterface
    interface LastPage {
        SyncSession.FinalPage close(ItemWrite lastWrite, SkippedItems skipped);
    }

    /**
     * @param updatedMin null for a full listing
     * @param generation the full sync's generation; null for an incremental pass
     * @param runStart   when this sync (its first attempt) started: the cursor it commits
     */
    record Plan(String mode, Instant updatedMin, Long generation, Instant runStart, LastPage lastPage) {

        static Plan full(long generation, Instant runStart, LastPage lastPage) {
            return new Plan(FULL, null, generation, runStart, lastPage);
        }

        static Plan changesSince(Instant updatedMin, Instant runStart) {
            return new Plan(CHANGES, updatedMin, null, runStart,
                    (write, skipped) -> new SyncSession.FinalPage(write, skipped.warning()));
        }

        boolean fullSync() {
            return updatedMin == null;
        }

        String phase(String listId) {
            return mode + ":" + listId;
        }
    }

    enum Outcome { COMPLETED, LIST_GONE }

    /** @param lists every task list, ordered by id */
    Outcome run(SyncSession session, List<TaskList> lists, Plan plan) throws IOException {
        Resume resume = resumePoint(session, lists, plan);
        SkippedItems skipped = SkippedItems.of(session, "task");
        String cursor = plan.runStart().toString();
        for (int i = resume.index(); i < lists.size(); i++) {
            String listId = lists.get(i).getId();
            String pageToken = i == resume.index() ? resume.pageToken() : null;
            boolean tokenFromCheckpoint = pageToken != null;
            while (true) {
                session.stopIfRequested();
                com.google.api.services.tasks.model.Tasks page;
                try {
                    page = reader.page(listId, plan.updatedMin(), pageToken);
                } catch (GoogleJsonResponseException e) {
                    if (e.getStatusCode() == 404) {
                        if (!plan.fullSync()) {
                            return Outcome.LIST_GONE;
                        }
                        // deleted since it was listed: what we hold of it is swept like anything else unseen
                        log.info("Connection {}: task list {} vanished during a full sync", connectionId, listId);
                        break;
                    }
                    if (tokenFromCheckpoint && e.getStatusCode() == 400) {
                        log.warn("Connection {}: Google rejected the checkpoint's page token for list {} ({}); "
                                + "rereading the list", connectionId, listId, e.getStatusMessage());
                        pageToken = null;
                        tokenFromCheckpoint = false;
                        continue;
                    }
                    throw e;
                }
                tokenFromCheckpoint = false;
                List<Task> tasks = page.getItems();
                List<SyncedItem> rows = TaskMapper.mapAll(listId, tasks, skipped);
                String next = page.getNextPageToken();
                if (next == null && i == lists.size() - 1) {
                    session.finish(() -> plan.lastPage().close(write(rows, plan), skipped), cursor);
                    return Outcome.COMPLETED;
                }
                // An empty page at the end of a list needs no commit: rereading it after a crash costs one request.
                if (next != null || !rows.isEmpty()) {
                    String phase = plan.phase(next != null ? listId : lists.get(i + 1).getId());
                    session.commitPage(() -> write(rows, plan), SyncCheckpoint.of(phase, next, SyncCounts.ZERO)
                            .withPendingCursor(cursor).withGeneration(plan.generation()));
                }
                if (next == null) {
                    break;
                }
                pageToken = next;
            }
        }
        // no lists at all, or the last ones vanished while we read them
        session.finish(() -> plan.lastPage().close(ItemWrite.NONE, skipped), cursor);
        return Outcome.COMPLETED;
    }

    /**
     * Where an interrupted pass of the same mode stopped: the checkpoint's list, or the first list after it by id if
     * it is gone. Lists before it were read completely by the earlier attempt; lists created since then hold only
     * tasks updated after the run started, which the next incremental sync reads.
     */
    private static Resume resumePoint(SyncSession session, List<TaskList> lists, Plan plan) {
        String prefix = plan.mode() + ":";
        Optional<SyncCheckpoint> checkpoint = session.resumeFrom().filter(cp -> cp.phase().startsWith(prefix));
        if (checkpoint.isEmpty()) {
            return new Resume(0, null);
        }
        String listId = checkpoint.get().phase().substring(prefix.length());
        for (int i = 0; i < lists.size(); i++) {
            int order = lists.get(i).getId().compareTo(listId);
            if (order >= 0) {
                return new Resume(i, order == 0 ? checkpoint.get().pageToken() : null);
            }
        }
        return new Resume(lists.size(), null);
    }

    private ItemWrite write(List<SyncedItem> rows, Plan plan) {
        return items.write(SyncedTables.TASK, connectionId, rows, plan.generation());
    }

    private record Resume(int index, String pageToken) {
    }
}
