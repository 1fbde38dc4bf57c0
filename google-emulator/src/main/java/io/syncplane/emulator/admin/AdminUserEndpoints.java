package io.syncplane.emulator.admin;

import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.ParamParsers;
import io.syncplane.emulator.http.GoogleErrors;
import io.syncplane.emulator.http.RouteTable;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Admin HTTP: users, their credentials and grants, cursors, ground truth, request counts, watches, faults. */
public final class AdminUserEndpoints {

    private final EmulatorAdmin admin;

    public AdminUserEndpoints(EmulatorAdmin admin) {
        this.admin = admin;
    }

    public void register(RouteTable table) {
        new AdminRoutes(table)
                .get("users", this::users)
                .get("users/{}/credentials", call -> AdminJson.ok(admin.credentials(call.var(0))))
                .post("users/{}/access-token", this::accessToken)
                .post("users/{}/revoke", call -> {
                    admin.revokeGrant(call.var(0));
                    return ApiResponse.noContent();
                })
                .post("users/{}/reauthorize", call -> AdminJson.ok(admin.reauthorize(call.var(0))))
                .post("users/{}/expire-access-tokens", call -> {
                    admin.expireAccessTokens(call.var(0));
                    return ApiResponse.noContent();
                })
                .post("users/{}/expire-cursors", call -> {
                    admin.expireCursors(call.var(0));
                    return ApiResponse.noContent();
                })
                .get("users/{}/state", call -> AdminJson.ok(admin.groundTruth(call.var(0))))
                .get("users/{}/requests", call -> AdminJson.ok(admin.requestCounts(call.var(0))))
                .delete("requests", call -> {
                    admin.resetRequestCounts();
                    return ApiResponse.noContent();
                })
                .get("users/{}/watches", this::watches)
                .get("users/{}/faults", call -> AdminJson.ok(admin.userFaults(call.var(0)).orElse(null)))
                .put("users/{}/faults", call -> {
                    admin.userFaults(call.var(0), AdminControlEndpoints.faultPlan(Json.parseObject(call.request())));
                    return AdminJson.ok(admin.userFaults(call.var(0)).orElse(null));
                })
                .delete("users/{}/faults", call -> {
                    admin.userFaults(call.var(0), null);
                    return ApiResponse.noContent();
                });
    }

    private ApiResponse users(Call call) {
        int offset = ParamParsers.pageSize(call.params(), "offset", 0, 0, Integer.MAX_VALUE,
                raw -> GoogleErrors.invalidArgument("offset must be a non-negative number"));
        int limit = ParamParsers.pageSize(call.params(), "limit", 100, 1, 10_000,
                raw -> GoogleErrors.invalidArgument("limit must be between 1 and 10000"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", admin.userCount());
        body.put("users", admin.users(offset, limit));
        return AdminJson.ok(body);
    }

    /** With a body {@code {"scopes":[...]}} the token carries exactly those scopes, else the grant's. */
    private ApiResponse accessToken(Call call) {
        ObjectNode request = Json.parseObject(call.request());
        ObjectNode body = Json.object();
        if (request.has("scopes")) {
            List<String> scopes = new ArrayList<>();
            request.get("scopes").forEach(scope -> scopes.add(scope.asString()));
            body.put("access_token", admin.accessToken(call.var(0), scopes));
        } else {
            body.put("access_token", admin.accessToken(call.var(0)));
        }
        return ApiResponse.ok(Json.bytes(body));
    }

    private ApiResponse watches(Call call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gmail", admin.gmailWatch(call.var(0)).orElse(null));
        body.put("calendar", admin.calendarChannels(call.var(0)));
        return AdminJson.ok(body);
    }
}
