package io.syncplane.connection;

import io.syncplane.domain.Source;
import io.syncplane.domain.SyncKey;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.ledger.SyncStatus;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/** Links and unlinks Google accounts, keeping the connection and its per-source sync states in step. */
public final class ConnectionRegistry {

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
        return transactions.execute(tx -> {
            AppUser user = connections.ensureUser(externalUserId);
            GoogleConnection connection = connections.addConnection(user.id(), accountEmail, oauthClientId, refreshToken);
            List<SyncState> registered = Arrays.stream(Source.values())
                    .map(source -> states.register(new SyncKey(connection.id(), source), user.id(), clock.instant()))
                    .toList();
            return new LinkedAccount(user, connection, registered);
        });
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
