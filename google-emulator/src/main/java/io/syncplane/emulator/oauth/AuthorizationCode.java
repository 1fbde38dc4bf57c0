package io.syncplane.emulator.oauth;

import io.syncplane.emulator.users.UserAccount;

import java.time.Instant;

/**
 * An authorization code and everything it is bound to: client, redirect URI, PKCE challenge, the consenting user,
 * the grant generation consented in and the scopes the token will carry.
 *
 * @param refreshTokenDue whether the exchange issues a refresh token (offline access and a consent screen shown)
 */
public record AuthorizationCode(String value, AuthorizationRequest request, UserAccount user, int generation,
                                Scopes scopes, boolean refreshTokenDue, Instant expiresAt) {
}
