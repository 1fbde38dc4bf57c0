package io.syncplane.emulator.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Matches a method and path against the registered routes; patterns use {@code {}} for one variable segment. */
public final class RouteTable {

    private final List<Route> routes = new ArrayList<>();

    public RouteTable api(String method, String pattern, Api api, int cost, Endpoint endpoint) {
        routes.add(new Route(method, split(pattern), api, cost, false, null, endpoint));
        return this;
    }

    /** A write method: like {@link #api}, but the token must carry one of {@code scopes}. */
    public RouteTable write(String method, String pattern, Api api, int cost, Set<String> scopes,
                            Endpoint endpoint) {
        routes.add(new Route(method, split(pattern), api, cost, false, scopes, endpoint));
        return this;
    }

    public RouteTable fullSyncQuotaApi(String method, String pattern, Api api, Endpoint endpoint) {
        routes.add(new Route(method, split(pattern), api, 1, true, null, endpoint));
        return this;
    }

    public RouteTable open(String method, String pattern, Endpoint endpoint) {
        routes.add(new Route(method, split(pattern), null, 0, false, null, endpoint));
        return this;
    }

    /** The matching route and its variables, or null when no route has this path and method. */
    public Match match(String method, String path) {
        String[] parts = path.split("/", -1);
        for (Route route : routes) {
            if (!route.method().equals(method) || route.segments().size() != parts.length) {
                continue;
            }
            List<String> vars = matchSegments(route.segments(), parts);
            if (vars != null) {
                return new Match(route, vars);
            }
        }
        return null;
    }

    private static List<String> matchSegments(List<String> pattern, String[] parts) {
        List<String> vars = null;
        for (int i = 0; i < parts.length; i++) {
            String expected = pattern.get(i);
            if (expected.equals("{}")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                if (vars == null) {
                    vars = new ArrayList<>(3);
                }
                vars.add(decodeSegment(parts[i]));
            } else if (!expected.equals(parts[i])) {
                return null;
            }
        }
        return vars == null ? List.of() : vars;
    }

    /**
     * A path variable as the client meant it: clients percent-encode what a path segment cannot hold (a Calendar id
     * like {@code en.usa#holiday@group.v.calendar.google.com} arrives as {@code en.usa%23holiday@...}). A plus stays
     * a plus, as in any path; a malformed escape is kept as sent.
     */
    private static String decodeSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    private static List<String> split(String pattern) {
        return Arrays.asList(pattern.split("/", -1));
    }

    public record Match(Route route, List<String> vars) {
    }
}
