package io.syncplane.emulator.oauth;

import io.syncplane.emulator.users.UserAccount;

/**
 * An access token the emulator issued.
 *
 * @param clientId the client it was issued to; its grant must still honour the token
 * @param origin   the code exchange it descends from, or null for tokens of the seeded refresh tokens
 */
public record AccessToken(String value, UserAccount user, String clientId, int generation, Scopes scopes,
                          CodeGrant origin, long issuedAtMillis, long expiresAtMillis) {
}
