package io.syncplane.emulator.http;

import io.syncplane.emulator.users.UserAccount;

import java.util.List;

/**
 * What an endpoint gets: the request, the user its bearer token belongs to (null on unauthenticated routes such as
 * the token endpoint and the admin API), and the values of the path's {@code {}} segments in order.
 */
public record Call(ApiRequest request, UserAccount user, List<String> vars) {

    public Params params() {
        return request.params();
    }

    public String var(int index) {
        return vars.get(index);
    }
}
