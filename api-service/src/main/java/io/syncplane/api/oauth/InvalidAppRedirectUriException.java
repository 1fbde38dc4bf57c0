package io.syncplane.api.oauth;

/** The application's redirect URI is not an absolute http(s) URI without fragment: a 400 for the caller. */
public final class InvalidAppRedirectUriException extends GoogleLinkException {

    InvalidAppRedirectUriException(String message) {
        super(message, null, null);
    }

    @Override
    public String errorCode() {
        return "invalid_request";
    }
}
