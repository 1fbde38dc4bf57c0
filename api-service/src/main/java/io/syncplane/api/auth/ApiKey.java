package io.syncplane.api.auth;

import java.time.Instant;

/** A stored API key (its hash only); {@code userId} null means an operator key. */
public record ApiKey(long id, Long userId, Instant createdAt, Instant revokedAt) {

    public Caller caller() {
        return userId == null ? Caller.operator(id) : Caller.user(id, userId);
    }
}
