package io.syncplane.emulator.oauth;

/**
 * A user's authorisation of one OAuth client. Revoking sets a flag; consenting again after a revocation (or an admin
 * re-authorisation) starts a new generation, so refresh tokens and access tokens of earlier generations stay dead.
 */
public final class GrantState {

    private volatile int generation = 1;
    private volatile boolean revoked;
    /** Access tokens issued before this instant (epoch ms) are invalid: set by "expire access tokens". */
    private volatile long notBeforeMillis = Long.MIN_VALUE;
    /** What the user has granted; empty until the first consent. */
    private volatile Scopes scopes;

    private GrantState(Scopes scopes) {
        this.scopes = scopes;
    }

    /** A seeded user's grant of the default client: consented to {@link Scopes#SEEDED}. */
    public static GrantState seeded() {
        return new GrantState(Scopes.SEEDED);
    }

    /** A client the user has never consented to. */
    public static GrantState none() {
        return new GrantState(Scopes.NONE);
    }

    public int generation() {
        return generation;
    }

    public boolean revoked() {
        return revoked;
    }

    public long notBeforeMillis() {
        return notBeforeMillis;
    }

    public Scopes scopes() {
        return scopes;
    }

    /** Whether the user currently authorises the client (so a consent screen would not be shown again). */
    public boolean consented() {
        return !revoked && !scopes.isEmpty();
    }

    public synchronized void revoke() {
        revoked = true;
    }

    public synchronized void reauthorize() {
        generation++;
        revoked = false;
    }

    /**
     * The user consents to {@code requested}. After a revocation this is a fresh grant of exactly those scopes in a new
     * generation; otherwise the scopes are added to what was granted before (Google keeps earlier grants).
     *
     * @return the generation the consent belongs to
     */
    public synchronized int consent(Scopes requested) {
        if (revoked) {
            generation++;
            revoked = false;
            scopes = requested;
        } else {
            scopes = scopes.union(requested);
        }
        return generation;
    }

    public synchronized void invalidateAccessTokens(long nowMillis) {
        notBeforeMillis = nowMillis + 1;
    }

    /** Whether a token issued at {@code issuedAt} for {@code tokenGeneration} is still honoured. */
    public boolean honours(int tokenGeneration, long issuedAtMillis) {
        return !revoked && tokenGeneration == generation && issuedAtMillis >= notBeforeMillis;
    }
}
