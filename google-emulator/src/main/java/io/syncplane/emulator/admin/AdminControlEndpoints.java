package io.syncplane.emulator.admin;

import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.push.PushSettings;
import io.syncplane.emulator.quota.QuotaSettings;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Admin HTTP: emulator-wide settings: global faults, quotas, push delivery, activity. */
public final class AdminControlEndpoints {

    private final EmulatorAdmin admin;
    private final Map<String, String> urls;

    /** {@code urls}: rootUrl, tokenUrl, jwksUrl, adminUrl, shown by {@code GET /admin}. */
    public AdminControlEndpoints(EmulatorAdmin admin, Map<String, String> urls) {
        this.admin = admin;
        this.urls = Map.copyOf(urls);
    }

    public void register(RouteTable table) {
        new AdminRoutes(table)
                .get("", this::summary)
                .get("faults", call -> AdminJson.ok(admin.globalFaults()))
                .put("faults", call -> {
                    admin.globalFaults(faultPlan(Json.parseObject(call.request())));
                    return AdminJson.ok(admin.globalFaults());
                })
                .delete("faults", call -> {
                    admin.clearFaults();
                    return ApiResponse.noContent();
                })
                .get("quotas", call -> AdminJson.ok(admin.quotas()))
                .put("quotas", this::putQuotas)
                .get("push", call -> AdminJson.ok(admin.pushSettings()))
                .put("push", this::putPush)
                .put("push/topics", call -> {
                    JsonNode body = Json.parseObject(call.request());
                    admin.topicEndpoint(AdminJson.requiredText(body, "topic"), AdminJson.text(body, "endpoint"));
                    return ApiResponse.noContent();
                })
                .get("push/stats", call -> AdminJson.ok(admin.pushStats()))
                // DELETE admin/requests (AdminUserEndpoints) clears this log with the per-API counts
                .get("requests", this::requestSummary)
                .get("activity", call -> AdminJson.ok(activity()))
                .put("activity", call -> {
                    Double rate = AdminJson.number(Json.parseObject(call.request()), "rate");
                    if (rate == null) {
                        throw AdminJson.bad("'rate' is required");
                    }
                    admin.activityRate(rate);
                    return AdminJson.ok(activity());
                });
    }

    /** {@code GET /admin/requests?windowSeconds=10}: per user, HTTP requests as Google would see them. */
    private ApiResponse requestSummary(Call call) {
        String window = call.request().params().first("windowSeconds");
        double seconds;
        try {
            seconds = window == null ? 10 : Double.parseDouble(window);
        } catch (NumberFormatException e) {
            throw AdminJson.bad("'windowSeconds' must be a number of seconds");
        }
        if (!(seconds > 0) || seconds > 86_400) {
            throw AdminJson.bad("'windowSeconds' must be in (0, 86400]");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("windowSeconds", seconds);
        body.put("users", admin.requestLog().summary(Math.round(seconds * 1e9)));
        return AdminJson.ok(body);
    }

    private ApiResponse summary(Call call) {
        Map<String, Object> body = new LinkedHashMap<>(urls);
        body.put("users", admin.userCount());
        body.put("quotas", admin.quotas());
        body.put("faults", admin.globalFaults());
        body.put("push", admin.pushSettings());
        body.put("activity", activity());
        return AdminJson.ok(body);
    }

    private Map<String, Object> activity() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rate", admin.activityRate());
        body.put("mutations", admin.activityMutations());
        return body;
    }

    private ApiResponse putQuotas(Call call) {
        JsonNode body = Json.parseObject(call.request());
        QuotaSettings q = admin.quotas();
        Boolean enabled = AdminJson.bool(body, "enabled");
        QuotaSettings next = new QuotaSettings(enabled != null ? enabled : q.enabled(),
                intOr(body, "gmailUnitsPerSecond", q.gmailUnitsPerSecond()),
                intOr(body, "gmailMaxConcurrent", q.gmailMaxConcurrent()),
                intOr(body, "calendarRequestsPerMinute", q.calendarRequestsPerMinute()),
                intOr(body, "peopleRequestsPerMinute", q.peopleRequestsPerMinute()),
                intOr(body, "peopleFullSyncPerMinute", q.peopleFullSyncPerMinute()),
                intOr(body, "tasksRequestsPerMinute", q.tasksRequestsPerMinute()));
        admin.quotas(next);
        return AdminJson.ok(next);
    }

    private ApiResponse putPush(Call call) {
        JsonNode body = Json.parseObject(call.request());
        PushSettings p = admin.pushSettings();
        Double dropRate = AdminJson.number(body, "gmailDropRate");
        Duration backoff = AdminJson.duration(body, "retryBackoff");
        Double attempts = AdminJson.number(body, "maxAttempts");
        PushSettings next = new PushSettings(
                body.has("pubsubEndpoint") ? AdminJson.text(body, "pubsubEndpoint") : p.pubsubEndpoint(),
                body.has("audience") ? AdminJson.text(body, "audience") : p.audience(),
                Objects.requireNonNullElse(AdminJson.text(body, "serviceAccountEmail"), p.serviceAccountEmail()),
                dropRate != null ? dropRate : p.gmailDropRate(), p.gmailMinInterval(),
                backoff != null ? backoff : p.retryBackoff(),
                attempts != null ? attempts.intValue() : p.maxAttempts());
        admin.pushSettings(next);
        return AdminJson.ok(next);
    }

    static FaultPlan faultPlan(JsonNode body) {
        Duration latency = AdminJson.duration(body, "latency");
        Double latencyMs = AdminJson.number(body, "latencyMs");
        if (latency == null && latencyMs != null) {
            latency = Duration.ofMillis(latencyMs.longValue());
        }
        List<String> apis = AdminJson.strings(body, "apis");
        Set<Api> only = EnumSet.noneOf(Api.class);
        if (apis != null) {
            apis.forEach(api -> only.add(Api.fromId(api)));
        }
        return new FaultPlan(latency, rate(body, "error500Rate"), rate(body, "error503Rate"), rate(body, "dropRate"),
                only);
    }

    private static double rate(JsonNode body, String field) {
        Double value = AdminJson.number(body, field);
        return value == null ? 0 : value;
    }

    private static int intOr(JsonNode body, String field, int fallback) {
        Double value = AdminJson.number(body, field);
        return value == null ? fallback : value.intValue();
    }
}
