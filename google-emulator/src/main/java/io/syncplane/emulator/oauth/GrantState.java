package io.syncplane.emulator.oauth;

/**
 * A user's authorisation of the OAuth client. Revoking bumps nothing but the flag; re-authorising starts a new
 * generation, so refresh tokens and access tokens of earlier generations stay dead.
 */
public final class GrantState {

    private volatile int generation = 1;
    private volatile boolean revoked;
    /** Access tokens issued before this instant (epoch ms) are invalid: set by "expire access tokens". */
    private volatile long notBeforeMillis = Long.MIN_VALUE;

    public int generation() {
        return generation;
    }

    public boolean revoked() {
        return revoked;
    }

    public long notBeforeMillis() {
        return notBeforeMillis;
    }

    public synchronized void revoke() {
        revoked = true;
    }

    public synchronized void reauthorize() {
        generation++;
        revoked = false;
    }

    public synchronized void invalidateAccessTokens(long nowMillis) {
        notBeforeMillis = nowMillis + 1;
    }

    /** Whether an access token issued at {@code issuedAt} for {@code tokenGeneration} is still honoured. */
    public boolean honours(int tokenGeneration, long issuedAtMillis) {
        return !revoked && tokenGeneration == generation && issuedAtMillis >= notBeforeMillis;
    }
}
