package io.syncplane.api.writeback;

import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.sync.DueNow;
import io.syncplane.api.web.ApiException;
import io.syncplane.connection.ConnectionStatus;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.writeback.IdempotencyKeyReusedException;
import io.syncplane.writeback.NewOperation;
import io.syncplane.writeback.OperationKind;
import io.syncplane.writeback.OperationResult;
import io.syncplane.writeback.OutboundOperation;
import io.syncplane.writeback.OutboxStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Accepts a batch of changes for Google. Everything is checked before anything is written, and the whole batch is
 * recorded in one transaction with its sources made due, so an upload that answered 202 is never forgotten and a
 * refused one changed nothing. Sending is the worker's, in the source's next run (enqueued here on the interactive
 * lane): one writer per source at a time, under the same lease, backoff and per-user request budget as its reads.
 */
public final class UploadService {

    private final CallerTransactions transactions;
    private final ConnectionStore connections;
    private final SyncStateStore states;
    private final OutboxStore outbox;
    private final StoredItems items;
    private final AppFieldsWriter appFields;
    private final DueNow dueNow;
    private final OperationParser parser;
    private final WritesProperties properties;

    public UploadService(CallerTransactions transactions, ConnectionStore connections, SyncStateStore states,
                         OutboxStore outbox, StoredItems items, AppFieldsWriter appFields, DueNow dueNow,
                         OperationParser parser, WritesProperties properties) {
        this.transactions = transactions;
        this.connections = connections;
        this.states = states;
        this.outbox = outbox;
        this.items = items;
        this.appFields = appFields;
        this.dueNow = dueNow;
        this.parser = parser;
        this.properties = properties;
    }

    public UploadResult upload(Caller caller, long userId, UploadRequest request) {
        if (request == null || request.operations() == null || request.operations().isEmpty()) {
            throw ApiException.badParameter("operations", "operations: a list of at least one operation");
        }
        if (request.operations().size() > properties.maxOperations()) {
            throw OperationParser.tooMany(properties.maxOperations());
        }
        List<ParsedOperation> parsed = new ArrayList<>();
        for (int i = 0; i < request.operations().size(); i++) {
            parsed.add(parser.parse(i, request.operations().get(i)));
        }
        Recorded recorded = transactions.write(caller, () -> record(userId, parsed, request.isForced()));
        for (Map.Entry<SyncKey, DueNow.Due> due : recorded.due().entrySet()) {
            // after the commit; if Redis is away the ledger holds the source due and the scanner enqueues it
            dueNow.enqueue(due.getKey(), SyncTrigger.MANUAL, due.getValue().state().modeOfNextRun(),
                    due.getValue().ledgerDue());
        }
        return new UploadResult(recorded.accepted());
    }

    private Recorded record(long userId, List<ParsedOperation> parsed, boolean forced) {
        connections.findUser(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
        Map<Long, GoogleConnection> linked = new HashMap<>();
        Map<SyncKey, SyncState> sources = new LinkedHashMap<>();
        List<NewOperation> operations = new ArrayList<>();
        List<StoredItem> targets = new ArrayList<>();
        List<OutboundOperation> known = new ArrayList<>();
        List<ParsedOperation> fresh = new ArrayList<>();
        for (ParsedOperation op : parsed) {
            // a retry is answered with what the first attempt recorded, whatever became of the item since
            OutboundOperation before = alreadyRecorded(userId, op);
            known.add(before);
            if (before != null) {
                operations.add(null);
                targets.add(null);
                continue;
            }
            fresh.add(op);
            GoogleConnection connection = linked.computeIfAbsent(op.connectionId(), id -> connection(userId, op));
            sources.computeIfAbsent(op.key(), key -> runnable(op, key));
            StoredItem target = op.kind() == OperationKind.CREATE ? null : target(op);
            targets.add(target);
            operations.add(newOperation(userId, op, connection, target));
        }
        if (!forced) {
            checkDeleteShare(fresh);
        }
        List<UploadResult.Accepted> accepted = new ArrayList<>();
        Map<SyncKey, Boolean> toSend = new LinkedHashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            ParsedOperation op = parsed.get(i);
            OutboxStore.Recorded result;
            if (known.get(i) != null) {
                result = new OutboxStore.Recorded(known.get(i), false);
            } else {
                try {
                    result = outbox.record(operations.get(i));
                } catch (IdempotencyKeyReusedException e) {
                    throw keyReused(op, e); // the same key twice in one batch with different operations
                }
            }
            OutboundOperation recorded = result.operation();
            if (result.created()) {
                recorded = applyLocally(op, targets.get(i), recorded);
                if (!op.isLocalOnly()) {
                    toSend.put(op.key(), true);
                }
            }
            accepted.add(new UploadResult.Accepted(op.index(), recorded.id(), recorded.idempotencyKey(),
                    recorded.state().id(), !result.created(),
                    "/v1/users/" + userId + "/changes/outbound/" + recorded.id()));
        }
        Map<SyncKey, DueNow.Due> due = new LinkedHashMap<>();
        for (SyncKey key : toSend.keySet()) {
            outbox.markSourcePending(key);
            due.put(key, dueNow.makeDue(states.find(key).orElseThrow()));
        }
        return new Recorded(accepted, due);
    }

    private OutboundOperation alreadyRecorded(long userId, ParsedOperation op) {
        try {
            return outbox.recorded(userId, op.idempotencyKey(), op.requestHash()).orElse(null);
        } catch (IdempotencyKeyReusedException e) {
            throw keyReused(op, e);
        }
    }

    private static ApiException keyReused(ParsedOperation op, IdempotencyKeyReusedException e) {
        return new ApiException(HttpStatus.CONFLICT, "idempotency-key-reused", op.at() + ": " + e.getMessage(),
                Map.of("parameter", op.at() + ".idempotencyKey", "operationId", e.operationId()));
    }

    private OutboundOperation applyLocally(ParsedOperation op, StoredItem target, OutboundOperation recorded) {
        if (op.appFields() == null) {
            return recorded;
        }
        long version = appFields.write(op.connectionId(), op.source(), target, op.appFields());
        if (!op.isLocalOnly()) {
            return recorded; // Google's part is still to be sent
        }
        return outbox.markApplied(recorded, new OperationResult(target.itemId(), null, version));
    }

    private GoogleConnection connection(long userId, ParsedOperation op) {
        Optional<GoogleConnection> found = connections.find(op.connectionId())
                .filter(c -> c.userId() == userId && c.status() != ConnectionStatus.REMOVED);
        return found.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
                op.at() + ".connectionId: connection " + op.connectionId() + " of user " + userId + " not found",
                Map.of("parameter", op.at() + ".connectionId")));
    }

    private SyncState runnable(ParsedOperation op, SyncKey key) {
        SyncState state = states.find(key).orElseThrow(() -> ApiException.notFound("source " + key));
        dueNow.refusal(state).ifPresent(reason -> {
            throw new ApiException(HttpStatus.CONFLICT, "source-cannot-write", op.at() + ": " + reason,
                    Map.of("parameter", op.at() + ".source", "status", state.status().id()));
        });
        return state;
    }

    private StoredItem target(ParsedOperation op) {
        List<StoredItem> found = items.find(op.connectionId(), op.source(), op.containerId(), op.id());
        if (found.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "item-not-found", op.at() + ".id: " + op.source().id()
                    + " item '" + op.id() + "' is not in Syncplane's copy of connection " + op.connectionId()
                    + (op.containerId() == null ? "" : " (in " + op.containerId() + ")"),
                    Map.of("parameter", op.at() + ".id"));
        }
        if (found.size() > 1) {
            throw WritableFields.bad(op.at() + (op.source() == Source.CALENDAR ? ".calendarId" : ".tasklistId"),
                    "'" + op.id() + "' is in " + found.size() + " " + (op.source() == Source.CALENDAR
                            ? "calendars" : "lists") + ": name which");
        }
        StoredItem item = found.get(0);
        if (item.deleted()) {
            throw new ApiException(HttpStatus.CONFLICT, "item-deleted", op.at() + ".id: '" + op.id()
                    + "' was deleted at Google (version " + item.version() + ")",
                    Map.of("parameter", op.at() + ".id", "version", item.version()));
        }
        if (op.baseVersion() != null && op.baseVersion() > item.version()) {
            throw WritableFields.bad(op.at() + ".baseVersion", "no version " + op.baseVersion() + " of '" + op.id()
                    + "' was ever in the change feed (it is at " + item.version() + ")");
        }
        return item;
    }

    private static NewOperation newOperation(long userId, ParsedOperation op, GoogleConnection connection,
                                             StoredItem target) {
        String container;
        String itemId;
        if (target != null) {
            container = target.containerId();
            itemId = target.itemId();
        } else if (op.source() == Source.CALENDAR) {
            // the primary calendar's id is the account's address; stored events name it that way
            container = op.containerId() == null || op.containerId().equals("primary") ? connection.accountEmail()
                    : op.containerId();
            itemId = CalendarEventIds.next();
        } else {
            container = op.source() == Source.TASKS ? (op.containerId() == null ? "@default" : op.containerId())
                    : null;
            itemId = null;
        }
        return new NewOperation(userId, op.connectionId(), op.source(), op.kind(), container, itemId,
                op.destinationId(), op.baseVersion(), op.fields(), op.appFields(), op.idempotencyKey(),
                op.requestHash(), op.modifiedAt());
    }

    private void checkDeleteShare(List<ParsedOperation> parsed) {
        Map<SyncKey, Long> deletes = new LinkedHashMap<>();
        for (ParsedOperation op : parsed) {
            if (op.kind() == OperationKind.DELETE) {
                deletes.merge(op.key(), 1L, Long::sum);
            }
        }
        for (Map.Entry<SyncKey, Long> entry : deletes.entrySet()) {
            SyncKey key = entry.getKey();
            long deleting = entry.getValue() + items.openDeletes(key.connectionId(), key.source());
            if (deleting <= properties.minDeletesChecked()) {
                continue;
            }
            long live = items.liveCount(key.connectionId(), key.source());
            if (deleting > properties.maxDeleteShare() * live) {
                throw new ApiException(HttpStatus.CONFLICT, "mass-delete-refused", "the batch would delete "
                        + deleting + " of " + live + " " + key.source().id() + " items of connection "
                        + key.connectionId() + " (with deletes not sent yet), more than the "
                        + Math.round(properties.maxDeleteShare() * 100) + "% allowed"
                        + " (syncplane.api.writes.max-delete-share); send it with \"force\": true if it is meant",
                        Map.of("deleting", deleting, "items", live, "source", key.source().id()));
            }
        }
    }

    private record Recorded(List<UploadResult.Accepted> accepted, Map<SyncKey, DueNow.Due> due) {
    }
}
