package io.syncplane.api.auth;

import io.syncplane.api.db.CallerTransactions;
import io.syncplane.api.web.ApiException;
import io.syncplane.connection.ConnectionStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/** Issues, revokes and checks API keys. The bootstrap operator key comes from configuration and is never stored. */
public final class ApiKeys {

    /** A user id no user has: the key lookup needs no identity (its policy is open), so none is given. */
    private static final Caller NOBODY = new Caller(null, -1L);

    private final ApiKeyStore store;
    private final ConnectionStore users;
    private final CallerTransactions transactions;
    private final byte[] bootstrapKeyHash;
    private final Clock clock;

    public ApiKeys(ApiKeyStore store, ConnectionStore users, CallerTransactions transactions,
                   Optional<String> bootstrapKey, Clock clock) {
        this.store = store;
        this.users = users;
        this.transactions = transactions;
        this.bootstrapKeyHash = bootstrapKey.map(ApiKeyHash::of).orElse(null);
        this.clock = clock;
    }

    public Optional<Caller> authenticate(String key) {
        byte[] hash = ApiKeyHash.of(key);
        if (bootstrapKeyHash != null && MessageDigest.isEqual(hash, bootstrapKeyHash)) {
            return Optional.of(Caller.operator(null));
        }
        return transactions.read(NOBODY, () -> store.findActive(hash).map(ApiKey::caller));
    }

    public IssuedKey issue(Caller operator, Long userId) {
        requireOperator(operator);
        String key = ApiKeyHash.newKey();
        ApiKey stored = transactions.write(operator, () -> {
            if (userId != null && users.findUser(userId).isEmpty()) {
                throw ApiException.notFound("user " + userId);
            }
            return store.insert(ApiKeyHash.of(key), userId, clock.instant());
        });
        return new IssuedKey(stored.id(), key, stored.caller().scope(), stored.userId());
    }

    public void revoke(Caller operator, long keyId) {
        requireOperator(operator);
        if (!transactions.write(operator, () -> store.revoke(keyId, clock.instant()))) {
            throw ApiException.notFound("api key " + keyId);
        }
    }

    public static void requireOperator(Caller caller) {
        if (!caller.isOperator()) {
            throw ApiException.forbidden("this needs an operator key");
        }
    }

    /** A new key as shown once to its creator. */
    public record IssuedKey(long id, String key, String scope, Long userId) {
    }
}
