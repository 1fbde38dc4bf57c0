package io.syncplane.api.connections;

/** Revokes a Google grant, so removing an account in Syncplane also removes Syncplane's access at Google. */
public interface GrantRevoker {

    /**
     * @return whether Google no longer honours the token (revoked now or already before)
     * @throws GrantRevocationException when Google could not be asked (network, 5xx)
     */
    boolean revoke(String refreshToken);

    final class GrantRevocationException extends RuntimeException {
        public GrantRevocationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
