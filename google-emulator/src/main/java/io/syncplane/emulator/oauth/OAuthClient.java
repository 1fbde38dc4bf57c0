package io.syncplane.emulator.oauth;

/** An OAuth client (an "app"). The default one is the client every seeded user has authorised. */
public record OAuthClient(String clientId, String clientSecret) {

    public OAuthClient {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("an OAuth client needs an id and a secret");
        }
    }

    public static OAuthClient defaults() {
        return new OAuthClient("syncplane-emulator.apps.googleusercontent.com", "emulator-client-secret");
    }

    @Override
    public String toString() {
        return "OAuthClient[clientId=" + clientId + ", clientSecret=redacted]";
    }
}
