package io.syncplane.api.connections;

import io.syncplane.api.auth.Caller;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.oauth.GoogleGrantRevoker;
import io.syncplane.api.oauth.GoogleOAuthUnavailableException;
import io.syncplane.api.oauth.RevocationRejectedException;
import io.syncplane.api.sync.SourceStates;
import io.syncplane.api.web.ApiException;
import io.syncplane.connection.ConnectionRegistry;
import io.syncplane.connection.ConnectionStatus;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.connection.GoogleConnection;
import io.syncplane.connection.RefreshToken;
import io.syncplane.domain.SyncTrigger;
import io.syncplane.google.GoogleProperties;
import io.syncplane.ledger.SyncState;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.ledger.SyncStatus;
import io.syncplane.queue.EnqueueRequest;
import io.syncplane.queue.QueueUnavailableException;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Links, lists and removes Google accounts; the ledger is written first and the queue second. */
public final class ConnectionService {

    private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

    private final CallerTransactions transactions;
    private final ConnectionRegistry registry;
    private final ConnectionStore connections;
    private final SyncStateStore states;
    private final SourceStates views;
    private final ConnectionPurge purge;
    private final GoogleGrantRevoker revoker;
    private final SyncQueue queue;
    private final GoogleProperties google;
    private final Clock clock;

    public ConnectionService(CallerTransactions transactions, ConnectionRegistry registry,
                             ConnectionStore connections, SyncStateStore states, SourceStates views,
                             ConnectionPurge purge, GoogleGrantRevoker revoker, SyncQueue queue, GoogleProperties google,
                             Clock clock) {
        this.transactions = transactions;
        this.registry = registry;
        this.connections = connections;
        this.states = states;
        this.views = views;
        this.purge = purge;
        this.revoker = revoker;
        this.queue = queue;
        this.google = google;
        this.clock = clock;
    }

    /** A backend that already holds a refresh token links the account: 409 if this user already linked it. */
    public ConnectionView link(Caller caller, long userId, LinkRequest request) {
        if (google.client(request.oauthClientId()).isEmpty()) {
            throw ApiException.badParameter("oauthClientId", "unknown OAuth client '" + request.oauthClientId()
                    + "': Syncplane can only refresh tokens of the clients in syncplane.google.clients");
        }
        Linked linked = transactions.write(caller, () -> {
            requireUser(userId);
            ConnectionRegistry.LinkedAccount account = registry.link(userId, request.accountEmail(),
                    request.oauthClientId(), RefreshToken.of(request.refreshToken()));
            return new Linked(account.connection(), account.syncStates(), viewOf(account.connection()));
        });
        enqueueFirstSyncs(linked.states());
        return linked.view();
    }

    /**
     * The OAuth callback's link: a new account is linked; an account the user linked before gets the new grant
     * (re-authorisation), and its sources that waited for it, or were disabled by an earlier removal, run again.
     */
    public ConnectionView linkAuthorized(long userId, String accountEmail, String oauthClientId,
                                         RefreshToken refreshToken) {
        Caller operator = Caller.operator(null);
        Linked linked = transactions.write(operator, () -> {
            requireUser(userId);
            String email = accountEmail.trim().toLowerCase(Locale.ROOT);
            Optional<GoogleConnection> existing = connections.findByUser(userId).stream()
                    .filter(c -> c.accountEmail().equals(email)).findFirst();
            if (existing.isEmpty()) {
                ConnectionRegistry.LinkedAccount account =
                        registry.link(userId, accountEmail, oauthClientId, refreshToken);
                return new Linked(account.connection(), account.syncStates(), viewOf(account.connection()));
            }
            GoogleConnection connection = connections.reauthorize(existing.get().id(), refreshToken);
            Instant now = clock.instant();
            List<SyncState> resumed = new ArrayList<>();
            for (SyncState state : states.findByConnection(connection.id())) {
                if (state.status() == SyncStatus.NEEDS_REAUTH) {
                    resumed.add(states.reauthorize(state, now));
                } else if (state.status() == SyncStatus.DISABLED) {
                    resumed.add(states.enable(state, now));
                }
            }
            return new Linked(connection, resumed, viewOf(connection));
        });
        enqueueFirstSyncs(linked.states());
        return linked.view();
    }

    public List<ConnectionView> list(Caller caller, long userId) {
        return transactions.read(caller, () -> {
            requireUser(userId);
            return connections.findByUser(userId).stream().map(this::viewOf).toList();
        });
    }

    public ConnectionView get(Caller caller, long connectionId) {
        return transactions.read(caller, () -> viewOf(require(connectionId)));
    }

    /**
     * Disables the connection's syncs (a running one stops at its next page: its next checkpoint finds the state
     * changed), revokes the grant at Google, and with {@code purge} deletes its synced rows and tokens. Removing an
     * already removed connection retries what did not happen the first time.
     */
    public RemovalResult remove(Caller caller, long connectionId, boolean purgeData) {
        String refreshToken = transactions.write(caller, () -> {
            GoogleConnection connection = require(connectionId);
            if (connection.status() != ConnectionStatus.REMOVED) {
                registry.disconnect(connectionId, "removed over the API");
            }
            return readableToken(connectionId);
        });
        boolean revoked = false;
        String revocationError = null;
        if (refreshToken == null) {
            revoked = true; // purged before: nothing left that Google could honour
        } else {
            try {
                revoker.revoke(RefreshToken.of(refreshToken)); // revoked now or already invalid: either way gone
                revoked = true;
            } catch (GoogleOAuthUnavailableException | RevocationRejectedException e) {
                log.warn("Could not revoke the grant of connection {}: {}", connectionId, e.getMessage());
                revocationError = e.getMessage();
            }
        }
        // a grant Google still honours keeps its token, so a retried DELETE can still revoke it
        boolean keepToken = !revoked;
        long rowsDeleted = purgeData ? transactions.write(caller, () -> purge.purge(connectionId, keepToken)) : 0;
        ConnectionView view = get(caller, connectionId);
        return new RemovalResult(view, revoked, revocationError, purgeData, rowsDeleted);
    }

    private String readableToken(long connectionId) {
        try {
            return connections.refreshToken(connectionId).reveal();
        } catch (RuntimeException purgedOrUnreadable) {
            return null;
        }
    }

    private void enqueueFirstSyncs(List<SyncState> registered) {
        List<EnqueueRequest> requests = registered.stream()
                .filter(state -> state.nextSyncAt() != null)
                .sorted(Comparator.comparing(SyncState::nextSyncAt))
                .map(state -> new EnqueueRequest(state.key(), SyncTrigger.SCHEDULE, state.modeOfNextRun(),
                        state.nextSyncAt()))
                .toList();
        try {
            queue.enqueueAll(requests);
        } catch (QueueUnavailableException e) {
            // the rows are due in the ledger; the stale-sync scanner enqueues them once Redis is back
            log.warn("Queue unavailable; {} first syncs wait for the scanner: {}", requests.size(), e.getMessage());
        }
    }

    private void requireUser(long userId) {
        connections.findUser(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
    }

    private GoogleConnection require(long connectionId) {
        return connections.find(connectionId).orElseThrow(() -> ApiException.notFound("connection " + connectionId));
    }

    private ConnectionView viewOf(GoogleConnection connection) {
        return ConnectionView.of(connection, views.viewsOfConnection(connection.id()));
    }

    private record Linked(GoogleConnection connection, List<SyncState> states, ConnectionView view) {
    }
}
