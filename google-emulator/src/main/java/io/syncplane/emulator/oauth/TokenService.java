package io.syncplane.emulator.oauth;

import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.seed.SeedRandom;
import io.syncplane.emulator.users.UserAccount;
import io.syncplane.emulator.users.UserDirectory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks refresh and access tokens. The seeded refresh tokens (default client) are derived from (seed,
 * user, grant generation), so they are stable across restarts with the same seed; refresh tokens from code exchanges
 * and all access tokens are random. Access tokens live {@code lifetime}, measured on the clock.
 */
public final class TokenService {

    private static final String BEARER = "Bearer ";
    private static final String SEEDED_PREFIX = "1//emu-";
    /** Code-exchange refresh tokens; deliberately not a {@link #SEEDED_PREFIX} so the two kinds never get confused. */
    private static final String EXCHANGED_PREFIX = "1//0emu-";

    private final UserDirectory users;
    private final OAuthClients clients;
    private final Grants grants;
    private final long seed;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, CodeGrant> exchangedRefreshTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile int pruneAt = 10_000;

    public TokenService(UserDirectory users, OAuthClients clients, Grants grants, long seed, Clock clock,
                        Duration lifetime) {
        this.users = users;
        this.clients = clients;
        this.grants = grants;
        this.seed = seed;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public OAuthCredentials credentials(UserAccount user) {
        OAuthClient client = clients.defaultClient();
        return new OAuthCredentials(user.email(), client.clientId(), client.clientSecret(), refreshToken(user));
    }

    /** The user's current seeded refresh token (default client), e.g. {@code 1//emu-7-1-3f9c2a...}. */
    public String refreshToken(UserAccount user) {
        int generation = user.grant().generation();
        return SEEDED_PREFIX + user.index() + "-" + generation + "-" + mac(user.index(), generation);
    }

    /** The refresh_token grant, for seeded and for code-exchange refresh tokens. */
    public AccessToken refresh(String clientId, String clientSecret, String refreshToken) {
        OAuthClient client = clients.authenticate(clientId, clientSecret);
        Optional<UserAccount> seeded = seededUserOf(refreshToken);
        if (seeded.isPresent()) {
            UserAccount user = seeded.get();
            requireIssuedTo(client, clients.defaultClient().clientId());
            if (user.grant().revoked() || !refreshToken.equals(refreshToken(user))) {
                throw revokedGrant();
            }
            return issue(user);
        }
        CodeGrant grant = refreshToken == null ? null : exchangedRefreshTokens.get(refreshToken);
        if (grant == null) {
            throw new OAuthException(400, "invalid_grant", "Bad Request");
        }
        requireIssuedTo(client, grant.clientId());
        if (!live(grant)) {
            throw revokedGrant();
        }
        return issue(grant);
    }

    /**
     * Records a code exchange: a new grant of {@code scopes} in the grant's {@code generation}, with a new refresh
     * token when {@code withRefreshToken}. Earlier refresh tokens of the same user and client keep working, as at
     * Google.
     */
    public CodeGrant exchange(UserAccount user, String clientId, int generation, Scopes scopes,
                              boolean withRefreshToken) {
        String refreshToken = withRefreshToken ? EXCHANGED_PREFIX + randomToken(32) : null;
        CodeGrant grant = new CodeGrant(user, clientId, generation, scopes, refreshToken, new CodeGrant.Revocation());
        if (refreshToken != null) {
            exchangedRefreshTokens.put(refreshToken, grant);
        }
        return grant;
    }

    /** Mints an access token for the default client directly (admin convenience; the real path is {@link #refresh}). */
    public AccessToken issue(UserAccount user) {
        GrantState grant = user.grant();
        return store(user, clients.defaultClient().clientId(), grant.generation(), grant.scopes(), null);
    }

    /**
     * Mints an access token for the default client carrying exactly {@code scopes} (admin convenience for testing
     * what a token with fewer scopes, e.g. only read-only ones, may do).
     */
    public AccessToken issue(UserAccount user, Scopes scopes) {
        return store(user, clients.defaultClient().clientId(), user.grant().generation(), scopes, null);
    }

    /** Mints an access token descending from a code exchange. */
    public AccessToken issue(CodeGrant grant) {
        return store(grant.user(), grant.clientId(), grant.generation(), grant.scopes(), grant);
    }

    private AccessToken store(UserAccount user, String clientId, int generation, Scopes scopes, CodeGrant origin) {
        long now = clock.millis();
        String value = "ya29.emu-" + randomToken(24);
        AccessToken token = new AccessToken(value, user, clientId, generation, scopes, origin, now,
                now + lifetime.toMillis());
        tokens.put(value, token);
        if (tokens.size() > pruneAt) {
            tokens.values().removeIf(t -> t.expiresAtMillis() <= now);
            pruneAt = Math.max(10_000, tokens.size() * 2);
        }
        return token;
    }

    /** The user an {@code Authorization} header belongs to; 401 when missing, unknown, expired or revoked. */
    public UserAccount authenticate(String authorization) {
        return bearer(authorization).user();
    }

    /** The live access token of an {@code Authorization: Bearer} header; 401 (Google's API error) otherwise. */
    public AccessToken bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiException(GoogleErrors.unauthenticated());
        }
        AccessToken token = tokens.get(authorization.substring(BEARER.length()).trim());
        if (token == null || !live(token)) {
            throw new ApiException(GoogleErrors.unauthenticated());
        }
        return token;
    }

    /**
     * Google's revoke endpoint: a refresh or access token revokes the whole grant of that user to that client (every
     * refresh and access token of it). False when the token is unknown or no longer live (already revoked, expired),
     * which the endpoint answers with 400 {@code invalid_token}.
     */
    public boolean revoke(String token) {
        Optional<UserAccount> seeded = seededUserOf(token);
        if (seeded.isPresent()) {
            UserAccount user = seeded.get();
            if (user.grant().revoked() || !token.equals(refreshToken(user))) {
                return false;
            }
            user.grant().revoke();
            return true;
        }
        CodeGrant exchanged = token == null ? null : exchangedRefreshTokens.get(token);
        if (exchanged != null) {
            if (!live(exchanged)) {
                return false;
            }
            grants.of(exchanged.user(), exchanged.clientId()).revoke();
            return true;
        }
        AccessToken access = token == null ? null : tokens.get(token);
        if (access == null || !live(access)) {
            return false;
        }
        grants.of(access.user(), access.clientId()).revoke();
        return true;
    }

    /** The user removes every client's access (admin "revoke"). */
    public void revokeAll(UserAccount user) {
        grants.allOf(user).forEach(GrantState::revoke);
    }

    /** Every access token issued so far for the user, to any client, answers 401. */
    public void expireAccessTokens(UserAccount user) {
        long now = clock.millis();
        grants.allOf(user).forEach(grant -> grant.invalidateAccessTokens(now));
    }

    private boolean live(AccessToken token) {
        return clock.millis() < token.expiresAtMillis()
                && grants.of(token.user(), token.clientId()).honours(token.generation(), token.issuedAtMillis())
                && (token.origin() == null || !token.origin().revoked());
    }

    private boolean live(CodeGrant grant) {
        GrantState state = grants.of(grant.user(), grant.clientId());
        return !grant.revoked() && !state.revoked() && state.generation() == grant.generation();
    }

    /** A refresh token presented by another client than the one it was issued to (Google: 401 unauthorized_client). */
    private static void requireIssuedTo(OAuthClient presenter, String issuedTo) {
        if (!presenter.clientId().equals(issuedTo)) {
            throw new OAuthException(401, "unauthorized_client", "Unauthorized");
        }
    }

    private static OAuthException revokedGrant() {
        return new OAuthException(400, "invalid_grant", "Token has been expired or revoked.");
    }

    private String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private Optional<UserAccount> seededUserOf(String refreshToken) {
        if (refreshToken == null || !refreshToken.startsWith(SEEDED_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = refreshToken.substring(SEEDED_PREFIX.length()).split("-");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            int index = Integer.parseInt(parts[0]);
            int generation = Integer.parseInt(parts[1]);
            if (!parts[2].equals(mac(index, generation))) {
                return Optional.empty();
            }
            return users.byIndex(index);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String mac(int index, int generation) {
        return Long.toHexString(SeedRandom.mix(seed ^ SeedRandom.mix(index) ^ SeedRandom.mix(~(long) generation)));
    }
}
