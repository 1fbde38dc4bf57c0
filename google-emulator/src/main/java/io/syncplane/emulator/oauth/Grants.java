package io.syncplane.emulator.oauth;

import io.syncplane.emulator.users.UserAccount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user's grant of every client. The default client's grant lives on the {@link UserAccount} (seeded users have
 * authorised it); grants of other clients start unconsented and are kept here, so that linking a user to a second
 * client, or revoking that link, never touches the refresh tokens the user holds for the default client.
 */
public final class Grants {

    private final String defaultClientId;
    private final Map<Key, GrantState> others = new ConcurrentHashMap<>();

    public Grants(String defaultClientId) {
        this.defaultClientId = defaultClientId;
    }

    private record Key(int userIndex, String clientId) {
    }

    public GrantState of(UserAccount user, String clientId) {
        if (clientId.equals(defaultClientId)) {
            return user.grant();
        }
        return others.computeIfAbsent(new Key(user.index(), clientId), key -> GrantState.none());
    }

    /** The user's grants of every client, the default one first. */
    public List<GrantState> allOf(UserAccount user) {
        List<GrantState> out = new ArrayList<>();
        out.add(user.grant());
        others.forEach((key, grant) -> {
            if (key.userIndex() == user.index()) {
                out.add(grant);
            }
        });
        return out;
    }
}
