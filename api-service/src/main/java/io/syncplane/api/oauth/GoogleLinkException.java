package io.syncplane.api.oauth;

import java.net.URI;
import java.util.Optional;

/**
 * Why linking a Google account failed. Failures after the {@code state} has been verified know the application's
 * redirect URI, so the controller can send the browser back there with {@link #errorCode()}; earlier ones (a bad
 * redirect URI, a tampered or expired state) cannot, and answer 400 themselves.
 */
public abstract class GoogleLinkException extends RuntimeException {

    private final URI appRedirectUri;

    GoogleLinkException(String message, URI appRedirectUri, Throwable cause) {
        super(message, cause);
        this.appRedirectUri = appRedirectUri;
    }

    /** The verified application redirect URI to send the browser back to, when known. */
    public Optional<URI> appRedirectUri() {
        return Optional.ofNullable(appRedirectUri);
    }

    /** An OAuth-style error code for the application ({@code access_denied}, {@code server_error}, ...). */
    public abstract String errorCode();
}
