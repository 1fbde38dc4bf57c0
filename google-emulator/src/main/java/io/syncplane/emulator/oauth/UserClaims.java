package io.syncplane.emulator.oauth;

import io.syncplane.emulator.users.UserAccount;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which facts about a user a set of scopes reveals, shared by ID tokens and userinfo. */
final class UserClaims {

    private UserClaims() {
    }

    static boolean grantsEmail(Scopes scopes) {
        return scopes.contains("email") || scopes.contains("https://www.googleapis.com/auth/userinfo.email");
    }

    static boolean grantsProfile(Scopes scopes) {
        return scopes.contains("profile") || scopes.contains("https://www.googleapis.com/auth/userinfo.profile");
    }

    /** {@code name}, {@code given_name}, {@code family_name}; the emulator has no pictures. */
    static Map<String, Object> profile(UserAccount user) {
        String name = user.displayName();
        int space = name.indexOf(' ');
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", name);
        claims.put("given_name", space < 0 ? name : name.substring(0, space));
        claims.put("family_name", space < 0 ? "" : name.substring(space + 1));
        return claims;
    }
}
