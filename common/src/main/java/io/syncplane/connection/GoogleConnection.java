package io.syncplane.connection;

import java.time.Instant;

/** One Google account linked to a user. The refresh token is not part of it: ask the store for it when needed. */
public record GoogleConnection(
        long id,
        long userId,
        String accountEmail,
        String oauthClientId,
        ConnectionStatus status,
        String statusReason,
        String encryptionKeyId,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
