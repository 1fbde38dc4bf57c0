package io.syncplane.emulator.oauth;

/** The single OAuth client (the "app") every seeded user has authorised. */
public record OAuthClient(String clientId, String clientSecret) {

    public static OAuthClient defaults() {
        return new OAuthClient("syncplane-emulator.apps.googleusercontent.com", "emulator-client-secret");
    }
}
