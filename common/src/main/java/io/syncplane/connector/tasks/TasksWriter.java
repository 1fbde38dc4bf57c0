package io.syncplane.connector.tasks;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.tasks.Tasks;
import com.google.api.services.tasks.model.Task;
import io.syncplane.connector.MalformedItemException;
import io.syncplane.domain.Source;
import io.syncplane.google.GoogleClients;
import io.syncplane.limits.RequestScope;
import io.syncplane.store.SyncedItem;
import io.syncplane.writeback.FieldsMatch;
import io.syncplane.writeback.GoogleCopy;
import io.syncplane.writeback.OperationKind;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.OutboundWriter;
import io.syncplane.writeback.ResourceJson;
import io.syncplane.writeback.StoredRow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tasks: insert (under {@code parent}, after {@code previous}, when the fields name them), patch (completion too),
 * delete, and move to another list ({@code destinationId}), with the stored etag as If-Match on patch and delete.
 *
 * <p>Tasks takes no client ids, so a create whose attempt may have landed can only be recognised by its content: a
 * task in the list updated since the operation was submitted with the same title, notes and due date. That is a weak
 * test: two identical tasks created by hand in that window would be taken for ours (and ours would then not be sent
 * again), while a task edited at Google right after our create would not be recognised (and a duplicate follows).
 */
public final class TasksWriter implements OutboundWriter {

    /** Not Task fields but where to put it: insert's and move's query parameters. */
    private static final List<String> PLACEMENT = List.of("parent", "previous");
    private static final String DEFAULT_LIST = "@default";
    private static final Pattern LIST_IN_SELF_LINK = Pattern.compile("/lists/([^/]+)/tasks/");
    /** Clocks differ: look a little before the submission for the task an uncertain create made. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

    private final GoogleClients clients;

    public TasksWriter(GoogleClients clients) {
        this.clients = clients;
    }

    @Override
    public Source source() {
        return Source.TASKS;
    }

    @Override
    public GoogleCopy send(OutboundOperation operation, Optional<StoredRow> stored, String version)
            throws IOException {
        Tasks.TasksOperations tasks = tasks(operation).tasks();
        String listId = operation.containerId();
        Map<String, Object> fields = new HashMap<>(operation.fields());
        String parent = placement(fields, "parent");
        String previous = placement(fields, "previous");
        return switch (operation.kind()) {
            case CREATE -> {
                Tasks.TasksOperations.Insert insert = tasks.insert(listId, ResourceJson.parse(fields, Task.class));
                insert.setParent(parent).setPrevious(previous);
                Task created = insert.execute();
                yield copy(listOf(created, listId, operation), created);
            }
            case UPDATE -> {
                String destination = operation.destinationId();
                if (destination != null && !destination.equals(listId)) {
                    Task moved = tasks.move(listId, operation.itemId()).setDestinationTasklist(destination)
                            .setParent(parent).setPrevious(previous).execute();
                    if (!fields.isEmpty()) {
                        moved = patch(tasks, destination, operation.itemId(), fields, moved.getEtag());
                    }
                    yield moved(operation, copy(destination, moved));
                }
                if (parent != null || previous != null) {
                    tasks.move(listId, operation.itemId()).setParent(parent).setPrevious(previous).execute();
                }
                yield copy(listId, patch(tasks, listId, operation.itemId(), fields, version));
            }
            case DELETE -> {
                Tasks.TasksOperations.Delete delete = tasks.delete(listId, operation.itemId());
                if (version != null) {
                    delete.getRequestHeaders().setIfMatch(version);
                }
                delete.execute();
                yield GoogleCopy.gone(List.of(listId, operation.itemId()));
            }
        };
    }

    @Override
    public Optional<GoogleCopy> landed(OutboundOperation operation, Optional<StoredRow> stored) throws IOException {
        if (operation.kind() == OperationKind.CREATE) {
            return createdLike(operation);
        }
        if (operation.kind() == OperationKind.UPDATE) {
            String destination = operation.destinationId();
            if (destination != null && !destination.equals(operation.containerId())) {
                Optional<GoogleCopy> there = get(operation, destination);
                return there.filter(copy -> !copy.isGone() && matches(copy, operation))
                        .map(copy -> moved(operation, copy));
            }
            return current(operation).filter(copy -> !copy.isGone() && matches(copy, operation));
        }
        return Optional.empty(); // a resent delete of a task already deleted answers 404: applied
    }

    @Override
    public Optional<GoogleCopy> current(OutboundOperation operation) throws IOException {
        return get(operation, operation.containerId());
    }

    @Override
    public boolean isStaleVersion(GoogleJsonResponseException e) {
        return e.getStatusCode() == 412;
    }

    @Override
    public String versionOf(StoredRow stored) {
        return ResourceJson.field(stored.raw(), "etag");
    }

    private Optional<GoogleCopy> get(OutboundOperation operation, String listId) throws IOException {
        try {
            Task task = tasks(operation).tasks().get(listId, operation.itemId()).execute();
            return Optional.of(copy(listId, task));
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404 || e.getStatusCode() == 410) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The weak recognition of an uncertain create (see the class comment). */
    private Optional<GoogleCopy> createdLike(OutboundOperation operation) throws IOException {
        Task wanted = ResourceJson.parse(withoutPlacement(operation.fields()), Task.class);
        String since = OffsetDateTime.ofInstant(operation.submittedAt().minus(CLOCK_SLACK),
                java.time.ZoneOffset.UTC).toString();
        String pageToken = null;
        do {
            com.google.api.services.tasks.model.Tasks page = tasks(operation).tasks().list(operation.containerId())
                    .setUpdatedMin(since).setShowCompleted(true).setShowHidden(true).setMaxResults(100)
                    .setPageToken(pageToken).execute();
            if (page.getItems() != null) {
                for (Task task : page.getItems()) {
                    if (!Boolean.TRUE.equals(task.getDeleted()) && Objects.equals(task.getTitle(), wanted.getTitle())
                            && Objects.equals(task.getNotes(), wanted.getNotes())
                            && sameDay(task.getDue(), wanted.getDue())) {
                        return Optional.of(copy(listOf(task, operation.containerId(), operation), task));
                    }
                }
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return Optional.empty();
    }

    private static boolean matches(GoogleCopy copy, OutboundOperation operation) {
        return FieldsMatch.contains(ResourceJson.map(ResourceJson.parse(copy.item().rawJson(), Task.class)),
                withoutPlacement(operation.fields()));
    }

    private static Task patch(Tasks.TasksOperations tasks, String listId, String taskId, Map<String, Object> fields,
                              String version) throws IOException {
        Tasks.TasksOperations.Patch patch = tasks.patch(listId, taskId, ResourceJson.parse(fields, Task.class));
        if (version != null) {
            patch.getRequestHeaders().setIfMatch(version);
        }
        return patch.execute();
    }

    /** A moved task leaves its old (list, id) row behind: tombstoned with the write. */
    private static GoogleCopy moved(OutboundOperation operation, GoogleCopy inDestination) {
        return new GoogleCopy(inDestination.item(), inDestination.version(), inDestination.modifiedAt(),
                List.of(SyncedItem.deletedKey(List.of(operation.containerId(), operation.itemId()))));
    }

    private static String placement(Map<String, Object> fields, String name) {
        Object value = fields.remove(name);
        return value == null ? null : String.valueOf(value);
    }

    private static Map<String, Object> withoutPlacement(Map<String, Object> fields) {
        Map<String, Object> task = new HashMap<>(fields);
        PLACEMENT.forEach(task::remove);
        return task;
    }

    private static boolean sameDay(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.substring(0, Math.min(10, a.length())).equals(b.substring(0, Math.min(10, b.length())));
    }

    /**
     * The list a task is in: the one it was written to, unless that was {@code @default} (a create into a default
     * list Syncplane had not synced yet), when the task's selfLink names the real one.
     */
    private String listOf(Task task, String writtenTo, OutboundOperation operation) throws IOException {
        if (!DEFAULT_LIST.equals(writtenTo)) {
            return writtenTo;
        }
        Matcher m = task.getSelfLink() == null ? null : LIST_IN_SELF_LINK.matcher(task.getSelfLink());
        if (m != null && m.find()) {
            return m.group(1);
        }
        return tasks(operation).tasklists().get(DEFAULT_LIST).execute().getId();
    }

    private Tasks tasks(OutboundOperation operation) {
        return clients.tasks(RequestScope.upkeep(operation.connectionId(), Source.TASKS));
    }

    private static GoogleCopy copy(String listId, Task task) {
        try {
            Instant updated = task.getUpdated() == null ? null : OffsetDateTime.parse(task.getUpdated()).toInstant();
            SyncedItem item = TaskMapper.map(listId, task);
            return new GoogleCopy(item, item.deleted() ? null : task.getEtag(), updated);
        } catch (MalformedItemException e) {
            throw new IllegalStateException("Tasks answered with a task Syncplane cannot store: " + e.getMessage(),
                    e);
        }
    }
}
