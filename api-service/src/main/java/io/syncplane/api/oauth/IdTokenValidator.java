package io.syncplane.api.oauth;

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
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies Google ID tokens: RS256 signature against the JWKS (cached, refetched for an unknown {@code kid}, as
 * Google rotates keys), issuer ({@code https://accounts.google.com} or {@code accounts.google.com}), audience, expiry
 * and issue time with 300 s of skew on the injected clock, the flow's nonce, and a verified email. The claims are
 * checked here rather than by Nimbus so that they follow the injected {@link Clock}.
 */
public final class IdTokenValidator {

    static final Set<String> ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");
    static final Duration SKEW = Duration.ofSeconds(300);
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Clock clock;

    public IdTokenValidator(URI jwksUrl, Duration connectTimeout, Duration readTimeout, Clock clock) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl.toURL(), new DefaultResourceRetriever(
                    (int) connectTimeout.toMillis(), (int) readTimeout.toMillis(), JWKS_SIZE_LIMIT)).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a JWKS URL: " + jwksUrl, e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        this.clock = clock;
    }

    /**
     * The account the token names, if it is valid for {@code audience} and carries {@code nonce}.
     *
     * @throws IdTokenRejectedException         when the token is not acceptable
     * @throws GoogleOAuthUnavailableException when the JWKS cannot be fetched
     */
    public VerifiedIdToken verify(String idToken, String audience, String nonce) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (KeySourceException e) {
            throw new GoogleOAuthUnavailableException(null, "cannot fetch Google's ID-token keys: " + e.getMessage(),
                    e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new IdTokenRejectedException("its signature does not verify: " + e.getMessage(), e);
        }
        try {
            return checked(claims, audience, nonce);
        } catch (ParseException e) {
            throw new IdTokenRejectedException("a claim has the wrong type: " + e.getMessage(), e);
        }
    }

    private VerifiedIdToken checked(JWTClaimsSet claims, String audience, String nonce) throws ParseException {
        if (!ISSUERS.contains(claims.getIssuer())) {
            throw new IdTokenRejectedException("issuer " + claims.getIssuer() + " is not Google");
        }
        List<String> audiences = claims.getAudience();
        if (!audiences.contains(audience)) {
            throw new IdTokenRejectedException("audience " + audiences + " is not " + audience);
        }
        String authorizedParty = claims.getStringClaim("azp");
        if (audiences.size() > 1 && !audience.equals(authorizedParty)) {
            throw new IdTokenRejectedException("authorized party " + authorizedParty + " is not " + audience);
        }
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null || !now.isBefore(expiry.toInstant().plus(SKEW))) {
            throw new IdTokenRejectedException("it expired at " + (expiry == null ? "?" : expiry.toInstant()));
        }
        Date issued = claims.getIssueTime();
        if (issued != null && issued.toInstant().isAfter(now.plus(SKEW))) {
            throw new IdTokenRejectedException("it is issued in the future, at " + issued.toInstant());
        }
        if (nonce != null && !nonce.equals(claims.getStringClaim("nonce"))) {
            throw new IdTokenRejectedException("its nonce is not this flow's");
        }
        String email = claims.getStringClaim("email");
        Object verified = claims.getClaim("email_verified");
        // Google has sent email_verified both as a boolean and as the string "true"
        if (email == null || !(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
            throw new IdTokenRejectedException("it carries no verified email");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new IdTokenRejectedException("it has no subject");
        }
        return new VerifiedIdToken(claims.getSubject(), email);
    }

    /** Why an ID token was refused; the callback turns it into {@link InvalidIdTokenException}. */
    public static final class IdTokenRejectedException extends RuntimeException {

        IdTokenRejectedException(String message) {
            super(message);
        }

        IdTokenRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
