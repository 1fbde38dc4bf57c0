package io.syncplane.api.connections;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A Google account whose refresh token the application already holds. */
public record LinkRequest(@NotBlank @Email @Size(max = 320) String accountEmail,
                          @NotBlank @Size(max = 512) String oauthClientId,
                          @NotBlank @Size(max = 4096) String refreshToken) {

    @Override
    public String toString() {
        return "LinkRequest[accountEmail=" + accountEmail + ", oauthClientId=" + oauthClientId
                + ", refreshToken=redacted]";
    }
}
