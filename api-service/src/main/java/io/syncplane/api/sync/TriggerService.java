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
import io.syncplane.ledger.StaleSyncStateException;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.queue.EnqueueOutcome;
import io.syncplane.queue.QueueUnavailableException;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Manual triggers. The ledger is written first (the source becomes due now, or its cursor is dropped for a full
 * resync) and the queue second, through its interactive lane: if the enqueue is lost, the stale-sync scanner finds
 * the due row and enqueues it anyway, so a trigger that answered 202 is never forgotten.
 */
public final class TriggerService {

    private static final int ATTEMPTS = 3;
    /** What {@link TriggerResult#queue()} says when Redis was away and the ledger alone holds the trigger. */
    static final String SCANNER = "scanner";
    private static final Logger log = LoggerFactory.getLogger(TriggerService.class);

    private final CallerTransactions transactions;
    private final SyncStateStore states;
    private final ConnectionStore connections;
    private final SourceStates views;
    private final SyncQueue queue;
    private final Clock clock;

    public TriggerService(CallerTransactions transactions, SyncStateStore states, ConnectionStore connections,
                          SourceStates views, SyncQueue queue, Clock clock) {
        this.transactions = transactions;
        this.states = states;
        this.connections = connections;
        this.views = views;
        this.queue = queue;
        this.clock = clock;
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
        Prepared prepared = prepare(caller, key, full);
        if (prepared.skipped() != null) {
            return new TriggerResult(prepared.view(), null, prepared.skipped());
        }
        SourceStateView view = prepared.view();
        EnqueueOutcome outcome;
        try {
            outcome = queue.enqueue(key, SyncTrigger.MANUAL,
                    full ? SyncMode.FULL : prepared.state().modeOfNextRun(), clock.instant());
        } catch (QueueUnavailableException e) {
            // the ledger already has it due: the stale-sync scanner enqueues it once Redis answers again
            log.warn("Queue unavailable for a trigger of {}; the scanner will enqueue it: {}", key, e.getMessage());
            return new TriggerResult(view, SCANNER, null);
        }
        if (outcome == EnqueueOutcome.DEAD_LETTERED) {
            return new TriggerResult(view, null, "the sync is dead-lettered after repeated failures ("
                    + prepared.state().lastError() + "); redrive it with POST /v1/dead-letters/"
                    + key.connectionId() + "/" + key.source().id() + "/redrive");
        }
        return new TriggerResult(view, outcome.name().toLowerCase(Locale.ROOT), null);
    }

    private Prepared prepare(Caller caller, SyncKey key, boolean full) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.write(caller, () -> prepareInTransaction(key, full));
            } catch (StaleSyncStateException e) {
                if (attempt == ATTEMPTS) {
                    throw ApiException.conflict("concurrent-change",
                            "the source changed while triggering it; try again");
                }
            }
        }
    }

    private Prepared prepareInTransaction(SyncKey key, boolean full) {
        Decision decision = decide(key, full);
        return new Prepared(decision.state(), views.view(decision.state()), decision.skipped());
    }

    private Decision decide(SyncKey key, boolean full) {
        SyncState state = views.require(key);
        Instant now = clock.instant();
        if (state.status() == SyncStatus.DISABLED) {
            return new Decision(state, "the source is disabled"
                    + (state.lastError() == null ? "" : " (" + state.lastError() + ")"));
        }
        if (state.status() == SyncStatus.NEEDS_REAUTH) {
            return new Decision(state, "Google refused the account's grant; the user must link the account again"
                    + " (GET /v1/users/" + state.userId() + "/connections/google/authorize)");
        }
        if (full) {
            return new Decision(states.forceFullResync(state, "full resync requested over the API"), null);
        }
        if (state.status() == SyncStatus.SYNCING) {
            return new Decision(state, null); // the queue marks the running job pending: one more run follows
        }
        return new Decision(states.schedule(state, now), null);
    }

    private static String conflictType(TriggerResult result) {
        return switch (result.state().status()) {
            case "disabled" -> "source-disabled";
            case "needs_reauth" -> "needs-reauthorization";
            default -> "dead-lettered";
        };
    }

    private record Decision(SyncState state, String skipped) {
    }

    private record Prepared(SyncState state, SourceStateView view, String skipped) {
    }
}
