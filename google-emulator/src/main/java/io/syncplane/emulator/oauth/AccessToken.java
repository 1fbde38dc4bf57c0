package io.syncplane.emulator.oauth;

import io.syncplane.emulator.users.UserAccount;

/** An access token the emulator issued. */
public record AccessToken(String value, UserAccount user, int generation, long issuedAtMillis,
                          long expiresAtMillis) {
}
