package io.syncplane.api.users;

import io.syncplane.api.auth.ApiKeys;
import io.syncplane.api.auth.Caller;
import io.syncplane.api.connections.ConnectionView;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.sync.SourceStates;
import io.syncplane.api.web.ApiException;
import io.syncplane.connection.AppUser;
import io.syncplane.connection.ConnectionStore;
import java.util.List;

public final class UserService {

    private final CallerTransactions transactions;
    private final ConnectionStore connections;
    private final SourceStates views;

    public UserService(CallerTransactions transactions, ConnectionStore connections, SourceStates views) {
        this.transactions = transactions;
        this.connections = connections;
        this.views = views;
    }

    /** The user with this external id, and whether this call created it. Operators only. */
    public Created create(Caller caller, String externalId) {
        ApiKeys.requireOperator(caller);
        return transactions.write(caller, () -> connections.findUser(externalId)
                .map(existing -> new Created(UserView.of(existing), false))
                .orElseGet(() -> new Created(UserView.of(connections.ensureUser(externalId)), true)));
    }

    public UserView get(Caller caller, long userId) {
        return transactions.read(caller, () -> UserView.of(require(userId)));
    }

    /** The user, every linked account and every source's state, read in one snapshot. */
    public UserState state(Caller caller, long userId) {
        return transactions.read(caller, () -> {
            AppUser user = require(userId);
            List<ConnectionView> linked = connections.findByUser(userId).stream()
                    .map(c -> ConnectionView.of(c, views.viewsOfConnection(c.id()))).toList();
            return new UserState(user.id(), user.externalId(), linked);
        });
    }

    private AppUser require(long userId) {
        return connections.findUser(userId).orElseThrow(() -> ApiException.notFound("user " + userId));
    }

    public record Created(UserView user, boolean created) {
    }

    public record UserState(long userId, String externalId, List<ConnectionView> connections) {
    }
}
