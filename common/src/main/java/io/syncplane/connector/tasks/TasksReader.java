package io.syncplane.connector.tasks;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.model.TaskList;
import com.google.api.services.tasks.model.TaskLists;
import io.syncplane.google.GoogleErrors;
import io.syncplane.sync.RateLimitedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads task lists and pages of tasks for one connection; rate-limit answers become {@link RateLimitedException}. */
final class TasksReader {

    private final Tasks tasks;
    private final TasksConnectorProperties properties;
    private final Clock clock;

    TasksReader(Tasks tasks, TasksConnectorProperties properties, Clock clock) {
        this.tasks = tasks;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Every task list, ordered by id: a resumed sync finds its place by id, whatever order Google lists them in.
     * Read whole at the start of each attempt; nothing is written, so nothing needs a checkpoint.
     */
    List<TaskList> allLists() throws IOException {
        List<TaskList> lists = new ArrayList<>();
        String pageToken = null;
        do {
            TaskLists page = execute(tasks.tasklists().list()
                    .setMaxResults(properties.listPageSize()).setPageToken(pageToken));
            if (page.getItems() != null) {
                lists.addAll(page.getItems());
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        lists.sort(Comparator.comparing(TaskList::getId));
        return lists;
    }

    /**
     * One page of a list's tasks, hidden and completed ones included. A full listing ({@code updatedMin} null) leaves
     * deleted tasks out: what it does not see is swept, under the safety valve. A change listing asks for deleted
     * tasks, since that is the only way it learns of them.
     */
    com.google.api.services.tasks.model.Tasks page(String listId, Instant updatedMin, String pageToken)
            throws IOException {
        Tasks.TasksOperations.List request = tasks.tasks().list(listId)
                .setMaxResults(properties.pageSize())
                .setShowCompleted(true)
                .setShowHidden(true)
                .setShowDeleted(updatedMin != null)
                .setPageToken(pageToken);
        if (updatedMin != null) {
            request.setUpdatedMin(updatedMin.toString());
        }
        return execute(request);
    }

    private <T> T execute(com.google.api.services.tasks.TasksRequest<T> request) throws IOException {
        try {
            return request.execute();
        } catch (GoogleJsonResponseException e) {
            if (GoogleErrors.isRateLimit(e)) {
                throw (RateLimitedException) GoogleErrors.rateLimitedOr(e, clock.instant(),
                        properties.rateLimitFallback());
            }
            throw e;
        }
    }
}
