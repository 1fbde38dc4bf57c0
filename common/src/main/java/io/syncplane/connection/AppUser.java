package io.syncplane.connection;

import java.time.Instant;

/** A user of the client application, known to it by {@code externalId}. */
public record AppUser(long id, String externalId, Instant createdAt) {
}
