package io.syncplane.limits;

import io.syncplane.connection.ConnectionNotFoundException;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.connection.GoogleConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which user owns a connection, for the per-user budget. A connection never changes owner, so the answer is cached for
 * the life of the process (one entry per connection a worker has synced: a few bytes each).
 */
public final class ConnectionOwners {

    private final ConnectionStore connections;
    private final Map<Long, Long> owners = new ConcurrentHashMap<>();

    public ConnectionOwners(ConnectionStore connections) {
        this.connections = connections;
    }

    public long userOf(long connectionId) {
        Long known = owners.get(connectionId);
        if (known != null) {
            return known;
        }
        long userId = connections.find(connectionId).map(GoogleConnection::userId)
                .orElseThrow(() -> new ConnectionNotFoundException(connectionId));
        owners.put(connectionId, userId);
        return userId;
    }
}
