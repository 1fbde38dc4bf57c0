package io.syncplane.emulator.oauth;

/**
 * What a Syncplane connection stores after a user authorises it: the OAuth client and the user's refresh token.
 * Hand these to {@code UserCredentials} (google-auth-library) or a {@code Credential} with a refresh listener,
 * with the emulator's token URL.
 */
public record OAuthCredentials(String email, String clientId, String clientSecret, String refreshToken) {
}
