package io.syncplane.api.users;

import io.syncplane.connection.AppUser;
import java.time.Instant;

public record UserView(long id, String externalId, Instant createdAt) {

    public static UserView of(AppUser user) {
        return new UserView(user.id(), user.externalId(), user.createdAt());
    }
}
