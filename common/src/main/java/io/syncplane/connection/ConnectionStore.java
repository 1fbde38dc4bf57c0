package io.syncplane.connection;

import java.util.List;
import java.util.Optional;

/** Users and their Google connections; refresh tokens are encrypted at rest and only decrypted on request. */
public interface ConnectionStore {

    /** The user known by {@code externalId}, created if new. */
    AppUser ensureUser(String externalId);

    Optional<AppUser> findUser(String externalId);

    Optional<AppUser> findUser(long userId);

    /** Links a Google account; raises {@link DuplicateConnectionException} if the user already linked it. */
    GoogleConnection addConnection(long userId, String accountEmail, String oauthClientId, RefreshToken refreshToken);

    Optional<GoogleConnection> find(long connectionId);

    List<GoogleConnection> findByUser(long userId);

    RefreshToken refreshToken(long connectionId);

    /** A new grant from the user (re-authorisation): stores the token and makes the connection active again. */
    GoogleConnection reauthorize(long connectionId, RefreshToken refreshToken);

    GoogleConnection markNeedsReauthorization(long connectionId, String reason);

    GoogleConnection markRemoved(long connectionId, String reason);

    /** Re-encrypts up to {@code batchSize} tokens still under a non-primary key; returns how many it did. */
    int rotateEncryptionKeys(int batchSize);
}
