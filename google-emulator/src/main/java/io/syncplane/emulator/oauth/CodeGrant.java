package io.syncplane.emulator.oauth;

import io.syncplane.emulator.users.UserAccount;

/**
 * What one authorization-code exchange issued: a refresh token (with {@code access_type=offline}) and the access
 * tokens minted from it. Revoked on its own when its code is presented a second time (RFC 6749 section 4.1.2: the
 * code may have been stolen), without touching the user's other grants.
 *
 * @param refreshToken null when the exchange issued none
 */
public record CodeGrant(UserAccount user, String clientId, int generation, Scopes scopes, String refreshToken,
                        Revocation revocation) {

    /** A mutable flag inside an otherwise immutable value. */
    public static final class Revocation {
        private volatile boolean revoked;

        public boolean revoked() {
            return revoked;
        }

        public void revoke() {
            revoked = true;
        }
    }

    public boolean revoked() {
        return revocation.revoked();
    }

    public void revoke() {
        revocation.revoke();
    }
}
