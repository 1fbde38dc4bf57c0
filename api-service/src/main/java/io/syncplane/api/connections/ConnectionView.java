package io.syncplane.api.connections;

import io.syncplane.api.sync.SourceStateView;
import io.syncplane.connection.GoogleConnection;
import java.time.Instant;
import java.util.List;

/** A linked Google account and where each of its sources stands. */
public record ConnectionView(long id, long userId, String accountEmail, String oauthClientId, String status,
                             String statusReason, Instant createdAt, List<SourceStateView> sources) {

    public static ConnectionView of(GoogleConnection connection, List<SourceStateView> sources) {
        return new ConnectionView(connection.id(), connection.userId(), connection.accountEmail(),
                connection.oauthClientId(), connection.status().id(), connection.statusReason(),
                connection.createdAt(), List.copyOf(sources));
    }
}
