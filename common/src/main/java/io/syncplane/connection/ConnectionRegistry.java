package io.syncplane.connection;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.ledger.SyncStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/** Links and unlinks Google accounts, keeping the connection and its per-source sync states in step. */
public final class ConnectionRegistry {

    /** Contacts first: small and what most applications need first; Gmail, the longest full sync, last. */
    public static final List<Source> FIRST_SYNC_ORDER =
            List.of(Source.CONTACTS, Source.CALENDAR, Source.TASKS, Source.GMAIL);

    private final ConnectionStore connections;
    private final SyncStateStore states;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ConnectionRegistry(ConnectionStore connections, SyncStateStore states, TransactionTemplate transactions,
                              Clock clock) {
        this.connections = connections;
        this.states = states;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Creates the user if new, links the account, and registers every source as due now, in one transaction. */
    public LinkedAccount connect(String externalUserId, String accountEmail, String oauthClientId,
                                 RefreshToken refreshToken) {
        return transactions.execute(tx -> link(connections.ensureUser(externalUserId), accountEmail, oauthClientId,
                refreshToken));
    }

    /**
     * Links the account to an existing user and registers every source as due now, in one transaction (the caller's,
     * if there is one). Sources are due in {@link #FIRST_SYNC_ORDER}, a millisecond apart, so the queue, which serves
     * equal lanes by due time, starts the small and most useful ones first.
     */
    public LinkedAccount link(long userId, String accountEmail, String oauthClientId, RefreshToken refreshToken) {
        return transactions.execute(tx -> link(connections.findUser(userId)
                .orElseThrow(() -> new IllegalArgumentException("no user " + userId)), accountEmail, oauthClientId,
                refreshToken));
    }

    private LinkedAccount link(AppUser user, String accountEmail, String oauthClientId, RefreshToken refreshToken) {
        GoogleConnection connection = connections.addConnection(user.id(), accountEmail, oauthClientId, refreshToken);
        Instant now = clock.instant();
        List<SyncState> registered = new ArrayList<>();
        for (int i = 0; i < FIRST_SYNC_ORDER.size(); i++) {
            registered.add(states.register(new SyncKey(connection.id(), FIRST_SYNC_ORDER.get(i)), user.id(),
                    now.plusMillis(i)));
        }
        return new LinkedAccount(user, connection, registered);
    }

    /**
     * Marks the connection removed and disables its syncs. A run in progress is cancelled in the ledger; its worker's
     * next transition then fails as stale and it stops.
     */
    public GoogleConnection disconnect(long connectionId, String reason) {
        return transactions.execute(tx -> {
            GoogleConnection removed = connections.markRemoved(connectionId, reason);
            for (SyncState state : states.findByConnection(connectionId)) {
                if (state.status() != SyncStatus.DISABLED) {
                    states.disable(state, "connection removed: " + reason);
                }
            }
            return removed;
        });
    }

    public record LinkedAccount(AppUser user, GoogleConnection connection, List<SyncState> syncStates) {
        public LinkedAccount {
            syncStates = List.copyOf(syncStates);
        }
    }
}
