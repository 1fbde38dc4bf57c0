package io.syncplane.api.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.syncplane.api.web.ApiException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Verifies the OIDC token Pub/Sub sends with every push ({@code Authorization: Bearer <jwt>}): RS256 signature
 * against Google's JWKS, issuer, the one audience our push subscription is configured with, the push service
 * account's verified email, and expiry and issue time with {@link #SKEW} on the injected clock.
 *
 * <p>The JWKS is cached and refetched when a token names a {@code kid} the cached set lacks (Google rotates its keys
 * about weekly); Nimbus rate-limits those refetches, so forged tokens with random key ids cannot make us hammer the
 * JWKS endpoint. The claims are checked here, not by Nimbus, so that they follow the injected {@link Clock}.
 *
 * <p>Anything wrong with the token itself is 401; a valid Google token from another service account is 403 (it proves
 * who is calling, just not someone allowed to); a JWKS we cannot fetch is 503, the one case Pub/Sub should retry.
 */
public final class PubSubTokenVerifier {

    static final Set<String> ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");
    static final Duration SKEW = Duration.ofSeconds(60);
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;
    private static final String BEARER = "Bearer ";

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String audience;
    private final String serviceAccount;
    private final Clock clock;

    public PubSubTokenVerifier(URI jwksUrl, String audience, String serviceAccount, Duration connectTimeout,
                               Duration readTimeout, Clock clock) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl.toURL(), new DefaultResourceRetriever(
                    (int) connectTimeout.toMillis(), (int) readTimeout.toMillis(), JWKS_SIZE_LIMIT)).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("syncplane.push.jwks-url is not a URL: " + jwksUrl, e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        this.audience = audience;
        this.serviceAccount = serviceAccount;
        this.clock = clock;
    }

    /** Checks the request's Authorization header; returns the verified claims' subject, or throws 401/403/503. */
    public VerifiedPushToken verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw rejected("missing 'Authorization: Bearer <OIDC token>' header");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.substring(BEARER.length()).isBlank()) {
            throw rejected("the Authorization header must be 'Bearer <OIDC token>'");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(authorization.substring(BEARER.length()).trim(), null);
        } catch (KeySourceException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "cannot fetch Google's token keys to verify the push; retry shortly");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw rejected("the token's signature does not verify");
        }
        try {
            return checked(claims);
        } catch (ParseException e) {
            throw rejected("a claim of the token has the wrong type");
        }
    }

    private VerifiedPushToken checked(JWTClaimsSet claims) throws ParseException {
        if (!ISSUERS.contains(claims.getIssuer())) {
            throw rejected("the token's issuer is not Google");
        }
        // Pub/Sub always sends exactly one audience: the one configured on the subscription
        List<String> audiences = claims.getAudience();
        if (audiences.size() != 1 || !audiences.get(0).equals(audience)) {
            throw rejected("the token is not for this endpoint (audience " + audiences + ")");
        }
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null || !now.isBefore(expiry.toInstant().plus(SKEW))) {
            throw rejected("the token has expired");
        }
        Date issued = claims.getIssueTime();
        if (issued == null || issued.toInstant().isAfter(now.plus(SKEW))) {
            throw rejected("the token has no issue time or one in the future");
        }
        Object verified = claims.getClaim("email_verified");
        String email = claims.getStringClaim("email");
        // Google has sent email_verified both as a boolean and as the string "true"
        if (email == null || !(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
            throw rejected("the token carries no verified email");
        }
        if (!email.equalsIgnoreCase(serviceAccount)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "push-sender-not-allowed",
                    "pushes are accepted only from the configured push service account");
        }
        return new VerifiedPushToken(email, claims.getSubject(), issued.toInstant());
    }

    private static ApiException rejected(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid-push-token", detail);
    }

    /** Who signed a push that verified. */
    public record VerifiedPushToken(String email, String subject, Instant issuedAt) {
    }
}
