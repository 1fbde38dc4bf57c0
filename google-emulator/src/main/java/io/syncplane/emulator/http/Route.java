package io.syncplane.emulator.http;

import java.util.List;

/**
 * One method + path pattern. A null {@code api} marks an unauthenticated route (token endpoint, JWKS, admin) that
 * skips auth, quotas, counting and faults.
 *
 * @param segments     the path split on '/', with {@code {}} for a variable segment
 * @param cost         quota units (Gmail) or 1
 * @param fullSyncPage true when the request is a People full-sync first page unless it has a page or sync token
 */
public record Route(String method, List<String> segments, Api api, int cost, boolean fullSyncPage,
                   Endpoint endpoint) {

    public Route {
        segments = List.copyOf(segments);
    }
}
