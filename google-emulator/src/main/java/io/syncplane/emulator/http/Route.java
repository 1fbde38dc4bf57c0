package io.syncplane.emulator.http;

import java.util.List;
import java.util.Set;

/**
 * One method + path pattern. A null {@code api} marks an unauthenticated route (token endpoint, JWKS, admin) that
 * skips auth, quotas, counting and faults.
 *
 * @param segments     the path split on '/', with {@code {}} for a variable segment
 * @param cost         quota units (Gmail) or 1
 * @param fullSyncPage true when the request is a People full-sync first page unless it has a page or sync token
 * @param writeScopes  for a write method, the scopes of which the access token must carry at least one (Google
 *                     answers 403 insufficientPermissions otherwise); empty for reads, which any token may make
 */
public record Route(String method, List<String> segments, Api api, int cost, boolean fullSyncPage,
                   Set<String> writeScopes, Endpoint endpoint) {

    public Route {
        segments = List.copyOf(segments);
        writeScopes = writeScopes == null ? Set.of() : Set.copyOf(writeScopes);
    }

    /** Whether a token with {@code granted} may call this route. */
    public boolean permits(Set<String> granted) {
        return writeScopes.isEmpty() || writeScopes.stream().anyMatch(granted::contains);
    }
}
