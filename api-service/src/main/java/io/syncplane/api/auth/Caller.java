package io.syncplane.api.auth;

import java.util.Optional;

/**
 * Who a request acts for, from its API key: an operator (everything) or one user (that user's data only).
 *
 * @param keyId  the API key's id; null for the bootstrap key from configuration
 * @param userId the user a user key belongs to; null for operators
 */
public record Caller(Long keyId, Long userId) {

    public static Caller operator(Long keyId) {
        return new Caller(keyId, null);
    }

    public static Caller user(Long keyId, long userId) {
        return new Caller(keyId, userId);
    }

    public boolean isOperator() {
        return userId == null;
    }

    public Optional<Long> user() {
        return Optional.ofNullable(userId);
    }

    /** "operator" or "user:ID", as shown to clients. */
    public String scope() {
        return isOperator() ? "operator" : "user:" + userId;
    }
}
