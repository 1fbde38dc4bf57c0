package io.syncplane.api.ops;

import io.syncplane.api.auth.ApiKeys;
import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.web.ApiException;
import io.syncplane.domain.SyncKey;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.queue.DeadLetter;
import io.syncplane.queue.DeadLetterPage;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Operators: the syncs the queue gave up on, and putting one back. */
public final class DeadLetterService {

    private final SyncQueue queue;
    private final CallerTransactions transactions;
    private final SyncStateStore states;
    private final Clock clock;

    public DeadLetterService(SyncQueue queue, CallerTransactions transactions, SyncStateStore states, Clock clock) {
        this.queue = queue;
        this.transactions = transactions;
        this.states = states;
        this.clock = clock;
    }

    public Page list(Caller caller, int offset, int limit) {
        ApiKeys.requireOperator(caller);
        DeadLetterPage page = queue.deadLetters(offset, limit);
        return new Page(page.items().stream().map(View::of).toList(), page.total());
    }

    /**
     * The job is due now with its failures forgotten; 404 if it is not dead-lettered. The queue goes first here: it
     * alone knows whether the job is dead, and a refused redrive must change nothing; the ledger's due time follows,
     * and if that write were lost the queue entry still runs the sync.
     */
    public void redrive(Caller caller, SyncKey key) {
        ApiKeys.requireOperator(caller);
        if (!queue.redrive(key)) {
            throw ApiException.notFound("dead letter " + key);
        }
        transactions.write(caller, () -> {
            states.find(key).filter(state -> state.status() != SyncStatus.SYNCING
                            && state.status() != SyncStatus.DISABLED && state.status() != SyncStatus.NEEDS_REAUTH)
                    .ifPresent(state -> states.schedule(state, clock.instant()));
            return null;
        });
    }

    public record View(long connectionId, String source, String trigger, String mode, int failures,
                       String lastError, Instant deadSince) {
        static View of(DeadLetter letter) {
            return new View(letter.key().connectionId(), letter.key().source().id(), letter.trigger().id(),
                    letter.mode().id(), letter.failures(), letter.lastError(), letter.deadSince());
        }
    }

    public record Page(List<View> deadLetters, long total) {
    }
}
