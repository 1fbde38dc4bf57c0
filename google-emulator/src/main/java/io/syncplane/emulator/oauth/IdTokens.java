package io.syncplane.emulator.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.syncplane.emulator.push.PushKeys;
import io.syncplane.emulator.users.UserAccount;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Google-style OpenID Connect ID tokens, signed with the key published at {@code oauth2/v3/certs} (the one push
 * tokens use, as Google signs both with its OIDC keys). Which claims appear follows the scopes: {@code email} and
 * {@code email_verified} with {@code email}, the names with {@code profile}.
 */
public final class IdTokens {

    public static final Duration LIFETIME = Duration.ofHours(1);

    private final PushKeys keys = new PushKeys();

    public String issue(UserAccount user, String clientId, Scopes scopes, String nonce, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(PushKeys.ISSUER)
                .audience(clientId)
                .claim("azp", clientId)
                .subject(user.subject())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)));
        if (UserClaims.grantsEmail(scopes)) {
            claims.claim("email", user.email()).claim("email_verified", true);
        }
        if (UserClaims.grantsProfile(scopes)) {
            UserClaims.profile(user).forEach(claims::claim);
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return keys.sign(claims.build());
    }

    static boolean wanted(Scopes scopes) {
        return scopes.contains("openid");
    }
}
