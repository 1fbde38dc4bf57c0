package io.syncplane.api.sync;

import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.web.ApiException;
import io.syncplane.connection.ConnectionRegistry;
import io.syncplane.connection.ConnectionStatus;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.connection.GoogleConnection;
import io.syncplane.domain.SyncKey;
import io.syncplane.domain.SyncMode;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.ledger.SyncState;
import io.syncplane.queue.EnqueueOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Manual triggers, through {@link DueNow}: the ledger first (the source becomes due now, or its cursor is dropped for
 * a full resync), the queue second through its interactive lane, so a trigger that answered 202 is never forgotten.
 */
public final class TriggerService {

    private static final int ATTEMPTS = 3;
    /** What {@link TriggerResult#queue()} says when Redis was away and the ledger alone holds the trigger. */
    static final String SCANNER = "scanner";

    private final CallerTransactions transactions;
    private final ConnectionStore connections;
    private final SourceStates views;
    private final DueNow dueNow;

    public TriggerService(CallerTransactions transactions, ConnectionStore connections, SourceStates views,
                          DueNow dueNow) {
        this.transactions = transactions;
        this.connections = connections;
        this.views = views;
        this.dueNow = dueNow;
    }

    /** One source; 409 when it cannot run (disabled, needs re-authorisation, dead-lettered). */
    public TriggerResult trigger(Caller caller, SyncKey key, boolean full) {
        TriggerResult result = triggerOne(caller, key, full);
        if (result.skipped() != null) {
            throw new ApiException(HttpStatus.CONFLICT, conflictType(result), result.skipped(),
                    Map.of("status", result.state().status()));
        }
        return result;
    }

    /** Every source of every linked account of the user, contacts first; sources that cannot run say why. */
    public List<TriggerResult> triggerUser(Caller caller, long userId, boolean full) {
        List<GoogleConnection> linked = transactions.read(caller, () -> {
            connections.findUser(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
            return connections.findByUser(userId);
        });
        List<TriggerResult> results = new ArrayList<>();
        for (GoogleConnection connection : linked) {
            if (connection.status() == ConnectionStatus.REMOVED) {
                continue;
            }
            for (var source : ConnectionRegistry.FIRST_SYNC_ORDER) {
                results.add(triggerOne(caller, new SyncKey(connection.id(), source), full));
            }
        }
        return results;
    }

    TriggerResult triggerOne(Caller caller, SyncKey key, boolean full) {
        Prepared prepared = Retries.onStaleState(ATTEMPTS,
                () -> transactions.write(caller, () -> prepareInTransaction(key, full)),
                () -> ApiException.conflict("concurrent-change", "the source changed while triggering it; try again"));
        if (prepared.skipped() != null) {
            return new TriggerResult(prepared.view(), null, prepared.skipped());
        }
        SyncState state = prepared.due().state();
        Optional<EnqueueOutcome> outcome = dueNow.enqueue(key, SyncTrigger.MANUAL,
                full ? SyncMode.FULL : state.modeOfNextRun(), prepared.due().ledgerDue());
        if (outcome.isEmpty()) {
            return new TriggerResult(prepared.view(), SCANNER, null);
        }
        if (outcome.get() == EnqueueOutcome.DEAD_LETTERED) {
            return new TriggerResult(prepared.view(), null, "the sync is dead-lettered after repeated failures ("
                    + state.lastError() + "); redrive it with POST /v1/dead-letters/"
                    + key.connectionId() + "/" + key.source().id() + "/redrive");
        }
        return new TriggerResult(prepared.view(), outcome.get().name().toLowerCase(Locale.ROOT), null);
    }

    private Prepared prepareInTransaction(SyncKey key, boolean full) {
        SyncState state = views.require(key);
        Optional<String> refusal = dueNow.refusal(state);
        if (refusal.isPresent()) {
            return new Prepared(null, views.view(state), refusal.get());
        }
        DueNow.Due due = full ? dueNow.forceFull(state, "full resync requested over the API") : dueNow.makeDue(state);
        return new Prepared(due, views.view(due.state()), null);
    }

    private static String conflictType(TriggerResult result) {
        return switch (result.state().status()) {
            case "disabled" -> "source-disabled";
            case "needs_reauth" -> "needs-reauthorization";
            default -> "dead-lettered";
        };
    }

    /** @param due null when the source cannot run ({@code skipped} says why) */
    private record Prepared(DueNow.Due due, SourceStateView view, String skipped) {
    }
}
