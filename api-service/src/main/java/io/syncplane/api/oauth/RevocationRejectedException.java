package io.syncplane.api.oauth;

/** The revocation endpoint refused the request for another reason than an already invalid token (e.g. 401). */
public final class RevocationRejectedException extends GoogleLinkException {

    private final int status;

    RevocationRejectedException(int status, String body) {
        super("Google's revocation endpoint answered " + status + ": " + body, null, null);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public String errorCode() {
        return "server_error";
    }
}
