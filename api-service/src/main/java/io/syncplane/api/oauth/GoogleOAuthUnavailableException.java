package io.syncplane.api.oauth;

import java.net.URI;

/** Google's OAuth endpoints could not be reached or answered 5xx: worth retrying later. */
public final class GoogleOAuthUnavailableException extends GoogleLinkException {

    GoogleOAuthUnavailableException(URI appRedirectUri, String message, Throwable cause) {
        super(message, appRedirectUri, cause);
    }

    @Override
    public String errorCode() {
        return "temporarily_unavailable";
    }
}
