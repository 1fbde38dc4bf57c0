package io.syncplane.api.users;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param externalId the id the application knows its user by */
public record CreateUserRequest(@NotBlank @Size(max = 256) String externalId) {
}
