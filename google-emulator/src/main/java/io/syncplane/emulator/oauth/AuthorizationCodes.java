package io.syncplane.emulator.oauth;

import io.syncplane.emulator.users.UserAccount;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Authorization codes: issued by the authorization endpoint, exchanged once at the token endpoint. A code lives ten
 * minutes on the emulator clock. The first exchange attempt by the code's own client spends it, whether or not it
 * succeeds (a wrong verifier or redirect URI burns the code, so it cannot be brute-forced); presenting a spent code
 * again is {@code invalid_grant} and revokes whatever the first exchange issued (RFC 6749 section 4.1.2).
 */
public final class AuthorizationCodes {

    public static final Duration LIFETIME = Duration.ofMinutes(10);
    /** Spent and expired codes are remembered this much longer, so a late reuse is still recognised as one. */
    private static final Duration REMEMBER = Duration.ofHours(1);

    private final Clock clock;
    private final Grants grants;
    private final TokenService tokens;
    private final Map<String, Issued> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile int pruneAt = 1_000;

    public AuthorizationCodes(Clock clock, Grants grants, TokenService tokens) {
        this.clock = clock;
        this.grants = grants;
        this.tokens = tokens;
    }

    /** What an exchange answers with: the access token, the grant behind it and the request (for its nonce). */
    public record Exchange(AccessToken accessToken, CodeGrant grant, AuthorizationRequest request) {
    }

    private static final class Issued {
        final AuthorizationCode code;
        final AtomicBoolean spent = new AtomicBoolean();
        volatile CodeGrant grant;
        volatile boolean reused;

        Issued(AuthorizationCode code) {
            this.code = code;
        }
    }

    public AuthorizationCode issue(AuthorizationRequest request, UserAccount user, int generation, Scopes scopes,
                                   boolean refreshTokenDue) {
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        // Google's codes start with "4/0A" and contain a '/', so clients must URL-encode them; so must ours.
        String value = "4/0Aemu" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        AuthorizationCode code = new AuthorizationCode(value, request, user, generation, scopes, refreshTokenDue,
                now.plus(LIFETIME));
        codes.put(value, new Issued(code));
        if (codes.size() > pruneAt) {
            codes.values().removeIf(issued -> issued.code.expiresAt().plus(REMEMBER).isBefore(now));
            pruneAt = Math.max(1_000, codes.size() * 2);
        }
        return code;
    }

    /** The authorization_code grant for an authenticated {@code client}. */
    public Exchange exchange(OAuthClient client, String code, String redirectUri, String codeVerifier) {
        if (code == null) {
            throw new OAuthException(400, "invalid_request", "Missing required parameter: code");
        }
        Issued issued = codes.get(code);
        if (issued == null) {
            throw new OAuthException(400, "invalid_grant", "Malformed auth code.");
        }
        AuthorizationCode bound = issued.code;
        AuthorizationRequest request = bound.request();
        if (!request.clientId().equals(client.clientId())) {
            // not spent: another client must not be able to burn someone else's code
            throw new OAuthException(400, "invalid_grant", "Unauthorized");
        }
        if (!issued.spent.compareAndSet(false, true)) {
            issued.reused = true;
            CodeGrant first = issued.grant;
            if (first != null) {
                first.revoke();
            }
            throw badRequest();
        }
        if (!clock.instant().isBefore(bound.expiresAt())) {
            throw badRequest();
        }
        if (redirectUri == null) {
            throw new OAuthException(400, "invalid_request", "Missing required parameter: redirect_uri");
        }
        if (!redirectUri.equals(request.redirectUri())) {
            throw new OAuthException(400, "redirect_uri_mismatch", "Bad Request");
        }
        if (request.codeChallenge() != null) {
            if (codeVerifier == null) {
                throw new OAuthException(400, "invalid_grant", "Missing code verifier.");
            }
            if (!Pkce.verifies(request.challengeMethod(), request.codeChallenge(), codeVerifier)) {
                throw new OAuthException(400, "invalid_grant", "Invalid code verifier.");
            }
        }
        GrantState state = grants.of(bound.user(), client.clientId());
        if (state.revoked() || state.generation() != bound.generation()) {
            // the user revoked the client between consent and exchange
            throw new OAuthException(400, "invalid_grant", "Token has been expired or revoked.");
        }
        CodeGrant grant = tokens.exchange(bound.user(), client.clientId(), bound.generation(), bound.scopes(),
                bound.refreshTokenDue());
        issued.grant = grant;
        if (issued.reused) {
            grant.revoke(); // a reuse raced this exchange and found no grant to revoke yet
        }
        return new Exchange(tokens.issue(grant), grant, request);
    }

    private static OAuthException badRequest() {
        return new OAuthException(400, "invalid_grant", "Bad Request");
    }
}
