package io.syncplane.api.oauth;

/** No OAuth client is configured for linking ({@code syncplane.api.oauth.client-id}): a 503 for the caller. */
public final class OAuthNotConfiguredException extends GoogleLinkException {

    OAuthNotConfiguredException() {
        super("Google account linking is not configured: set syncplane.api.oauth.client-id (SYNCPLANE_OAUTH_CLIENT_ID)"
                + " to one of syncplane.google.clients", null, null);
    }

    @Override
    public String errorCode() {
        return "temporarily_unavailable";
    }
}
