package io.syncplane.emulator.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The emulator's stand-in for Google's OIDC signing key: signs push JWTs and ID tokens (RS256) and publishes the
 * public key as a JWKS. One key per JVM, generated on first use: RSA generation is slow on a busy machine, and tests
 * start many emulators, of which few push or sign in.
 */
public final class PushKeys {

    private static volatile RSAKey sharedKey;

    public static final String ISSUER = "https://accounts.google.com";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private static RSAKey key() {
        RSAKey current = sharedKey;
        if (current == null) {
            synchronized (PushKeys.class) {
                current = sharedKey;
                if (current == null) {
                    try {
                        current = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
                                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
                    } catch (JOSEException e) {
                        throw new IllegalStateException("cannot generate the push signing key", e);
                    }
                    sharedKey = current;
                }
            }
        }
        return current;
    }

    /** The public JWKS JSON, as served at {@code /oauth2/v3/certs}. */
    public String jwksJson() {
        return new JWKSet(key().toPublicJWK()).toString();
    }

    /** A Google-style OIDC token for a push: iss, aud, email, email_verified, sub, azp, iat, exp. */
    public String sign(String audience, String serviceAccountEmail, Instant now) {
        String subject = Long.toUnsignedString(serviceAccountEmail.hashCode() & 0xFFFFFFFFL) + "000000000";
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(subject)
                .claim("azp", subject)
                .claim("email", serviceAccountEmail)
                .claim("email_verified", true)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .build();
        return sign(claims);
    }

    /** Any claims, signed RS256 with the key the JWKS publishes ({@code kid} in the header). */
    public String sign(JWTClaimsSet claims) {
        RSAKey rsa = key();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(rsa));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
