package io.syncplane.api.writeback;

import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.web.ApiException;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.writeback.OutboxStore;
import java.util.List;

/** Reads operations and conflicts back, under the caller's row-level security. */
public final class OutboundQueries {

    private static final int MAX_LIMIT = 500;

    private final CallerTransactions transactions;
    private final ConnectionStore connections;
    private final OutboxStore outbox;

    public OutboundQueries(CallerTransactions transactions, ConnectionStore connections, OutboxStore outbox) {
        this.transactions = transactions;
        this.connections = connections;
        this.outbox = outbox;
    }

    public OperationView operation(Caller caller, long userId, long operationId) {
        return transactions.read(caller, () -> outbox.find(userId, operationId)
                .map(op -> OperationView.of(op, outbox.conflictsOf(op.id()).stream().map(ConflictView::of).toList()))
                .orElseThrow(() -> ApiException.notFound("operation " + operationId + " of user " + userId)));
    }

    public ConflictsPage conflicts(Caller caller, long userId, Long before, Integer limit) {
        int pageSize = limit == null ? 100 : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw ApiException.badParameter("limit", "limit is 1 to " + MAX_LIMIT);
        }
        if (before != null && before < 1) {
            throw ApiException.badParameter("before", "before is a conflictId from an earlier page");
        }
        return transactions.read(caller, () -> {
            connections.findUser(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
            List<ConflictView> page = outbox.conflicts(userId, before, pageSize + 1).stream()
                    .map(ConflictView::of).toList();
            boolean more = page.size() > pageSize;
            List<ConflictView> shown = more ? page.subList(0, pageSize) : page;
            return new ConflictsPage(shown, more ? shown.get(shown.size() - 1).conflictId() : null);
        });
    }

    /** @param nextBefore pass as {@code before} for the next (older) page; null on the last */
    public record ConflictsPage(List<ConflictView> conflicts, Long nextBefore) {
    }
}
