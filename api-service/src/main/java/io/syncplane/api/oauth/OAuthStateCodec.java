package io.syncplane.api.oauth;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals an {@link OAuthState} into the {@code state} parameter and opens it again: a JWS (HS256) whose claims are
 * the user, the application redirect URI, the nonce and the expiry, plus the PKCE verifier as a nested JWE
 * (dir/A256GCM), because the browser and anyone watching the redirect see the state and must not learn the
 * verifier. The state is stateless on purpose: the verifier could live in a server-side table instead, but then
 * every api-service instance would need it and abandoned flows would need cleaning up; with a shared key any
 * instance can finish any flow. Signing and encryption use separate keys derived from the one secret.
 */
public final class OAuthStateCodec {

    private static final String AUDIENCE = "syncplane-oauth-state";
    private static final int MIN_SECRET_LENGTH = 32;

    private final byte[] signingKey;
    private final SecretKeySpec encryptionKey;
    private final Clock clock;

    private OAuthStateCodec(byte[] secret, Clock clock) {
        this.signingKey = derive(secret, "syncplane oauth state v1: signing");
        this.encryptionKey = new SecretKeySpec(derive(secret, "syncplane oauth state v1: encryption"), "AES");
        this.clock = clock;
    }

    /** From the configured secret (at least 32 characters). */
    public static OAuthStateCodec withSecret(String secret, Clock clock) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("syncplane.api.oauth.state-key (SYNCPLANE_OAUTH_STATE_KEY) must be at"
                    + " least " + MIN_SECRET_LENGTH + " characters");
        }
        return new OAuthStateCodec(secret.getBytes(StandardCharsets.UTF_8), clock);
    }

    /** With a random key: states are valid only in this process. */
    public static OAuthStateCodec withRandomKey(SecureRandom random, Clock clock) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new OAuthStateCodec(secret, clock);
    }

    public String seal(OAuthState state) {
        try {
            JWEObject verifier = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                    new Payload(state.codeVerifier()));
            verifier.encrypt(new DirectEncrypter(encryptionKey));
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .audience(AUDIENCE)
                    .subject(Long.toString(state.userId()))
                    .claim("redirect", state.appRedirectUri().toString())
                    .claim("cv", verifier.serialize())
                    .jwtID(state.nonce())
                    .expirationTime(Date.from(state.expiresAt()))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot seal an OAuth state", e);
        }
    }

    /** The state, if it is intact, ours and not expired; {@link InvalidStateException} otherwise. */
    public OAuthState open(String sealed) {
        if (sealed == null || sealed.isBlank()) {
            throw new InvalidStateException("the callback has no state");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(sealed);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new MACVerifier(signingKey))) {
                throw new InvalidStateException("the state's signature does not verify");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (!List.of(AUDIENCE).equals(claims.getAudience()) || expiry == null) {
                throw new InvalidStateException("the state is not an OAuth state");
            }
            Instant expiresAt = expiry.toInstant();
            if (!clock.instant().isBefore(expiresAt)) {
                throw new InvalidStateException("the state expired at " + expiresAt);
            }
            JWEObject verifier = JWEObject.parse(claims.getStringClaim("cv"));
            verifier.decrypt(new DirectDecrypter(encryptionKey));
            return new OAuthState(Long.parseLong(claims.getSubject()), URI.create(claims.getStringClaim("redirect")),
                    claims.getJWTID(), verifier.getPayload().toString(), expiresAt);
        } catch (ParseException | JOSEException | RuntimeException e) {
            if (e instanceof InvalidStateException invalid) {
                throw invalid;
            }
            throw new InvalidStateException("the state is malformed", e);
        }
    }

    /** HMAC-SHA256(secret, purpose): one secret, independent keys per use. */
    private static byte[] derive(byte[] secret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
