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
 * Issues and checks access tokens. Refresh tokens are derived from (seed, user, grant generation) so they are stable
 * across restarts with the same seed; access tokens are random and live {@code lifetime}, measured on the clock.
 */
public final class TokenService {

    private static final String BEARER = "Bearer ";
    private static final String REFRESH_PREFIX = "1//emu-";

    private final UserDirectory users;
    private final OAuthClient client;
    private final long seed;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile int pruneAt = 10_000;

    public TokenService(UserDirectory users, OAuthClient client, long seed, Clock clock, Duration lifetime) {
        this.users = users;
        this.client = client;
        this.seed = seed;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public OAuthCredentials credentials(UserAccount user) {
        return new OAuthCredentials(user.email(), client.clientId(), client.clientSecret(), refreshToken(user));
    }

    /** The user's current refresh token, e.g. {@code 1//emu-7-1-3f9c2a...}. */
    public String refreshToken(UserAccount user) {
        int generation = user.grant().generation();
        return REFRESH_PREFIX + user.index() + "-" + generation + "-" + mac(user.index(), generation);
    }

    /** The refresh_token grant. */
    public AccessToken refresh(String clientId, String clientSecret, String refreshToken) {
        if (!client.clientId().equals(clientId) || !client.clientSecret().equals(clientSecret)) {
            throw new OAuthException(401, "invalid_client", "The OAuth client was not found.");
        }
        UserAccount user = userOf(refreshToken)
                .orElseThrow(() -> new OAuthException(400, "invalid_grant", "Bad Request"));
        GrantState grant = user.grant();
        if (grant.revoked() || !refreshToken.equals(refreshToken(user))) {
            throw new OAuthException(400, "invalid_grant", "Token has been expired or revoked.");
        }
        return issue(user);
    }

    /** Mints an access token directly (admin convenience; the real path is {@link #refresh}). */
    public AccessToken issue(UserAccount user) {
        long now = clock.millis();
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String value = "ya29.emu-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        AccessToken token = new AccessToken(value, user, user.grant().generation(), now, now + lifetime.toMillis());
        tokens.put(value, token);
        if (tokens.size() > pruneAt) {
            tokens.values().removeIf(t -> t.expiresAtMillis() <= now);
            pruneAt = Math.max(10_000, tokens.size() * 2);
        }
        return token;
    }

    /** The user an {@code Authorization} header belongs to; 401 when missing, unknown, expired or revoked. */
    public UserAccount authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiException(GoogleErrors.unauthenticated());
        }
        AccessToken token = tokens.get(authorization.substring(BEARER.length()).trim());
        if (token == null || clock.millis() >= token.expiresAtMillis()
                || !token.user().grant().honours(token.generation(), token.issuedAtMillis())) {
            throw new ApiException(GoogleErrors.unauthenticated());
        }
        return token.user();
    }

    /** Revokes by refresh or access token, as Google's revoke endpoint does; false when the token is unknown. */
    public boolean revoke(String token) {
        Optional<UserAccount> user = userOf(token);
        if (user.isEmpty()) {
            AccessToken access = tokens.get(token);
            user = access == null ? Optional.empty() : Optional.of(access.user());
        }
        user.ifPresent(account -> account.grant().revoke());
        return user.isPresent();
    }

    private Optional<UserAccount> userOf(String refreshToken) {
        if (refreshToken == null || !refreshToken.startsWith(REFRESH_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = refreshToken.substring(REFRESH_PREFIX.length()).split("-");
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
