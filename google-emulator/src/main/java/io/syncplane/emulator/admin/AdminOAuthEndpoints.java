package io.syncplane.emulator.admin;

import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.oauth.OAuthClients;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Admin HTTP: OAuth clients (secrets, redirect URIs) and how the invisible consent screen answers. */
public final class AdminOAuthEndpoints {

    private final EmulatorAdmin admin;

    public AdminOAuthEndpoints(EmulatorAdmin admin) {
        this.admin = admin;
    }

    public void register(RouteTable table) {
        new AdminRoutes(table)
                .get("oauth", call -> AdminJson.ok(summary()))
                .put("oauth/clients/{}", this::putClient)
                .put("oauth/consent", this::putConsent);
    }

    private Map<String, Object> summary() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clients", admin.oauthClients().stream().map(AdminOAuthEndpoints::client).toList());
        body.put("consent", consent());
        return body;
    }

    private static Map<String, Object> client(OAuthClients.Registration registration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", registration.client().clientId());
        body.put("clientSecret", registration.client().clientSecret());
        body.put("redirectUris", registration.redirectUris());
        return body;
    }

    private Map<String, Object> consent() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("defaultUser", admin.defaultConsentUser().orElse(null));
        body.put("denyNext", admin.denyNextConsentPending());
        return body;
    }

    /** Creates a client (clientSecret required) or updates one (any subset of clientSecret, redirectUris). */
    private ApiResponse putClient(Call call) {
        String clientId = call.var(0);
        JsonNode body = Json.parseObject(call.request());
        Optional<OAuthClients.Registration> existing = admin.oauthClients().stream()
                .filter(registration -> registration.client().clientId().equals(clientId)).findFirst();
        String secret = AdminJson.text(body, "clientSecret");
        if (secret == null) {
            secret = existing.map(registration -> registration.client().clientSecret())
                    .orElseThrow(() -> AdminJson.bad("'clientSecret' is required for a new client"));
        }
        List<String> redirectUris = AdminJson.strings(body, "redirectUris");
        if (redirectUris == null) {
            redirectUris = existing.map(OAuthClients.Registration::redirectUris).orElse(List.of());
        }
        admin.registerOAuthClient(clientId, secret, redirectUris);
        return AdminJson.ok(summary());
    }

    /** {@code {"defaultUser": "user00002@example.test" | null, "denyNext": true}}, any subset. */
    private ApiResponse putConsent(Call call) {
        JsonNode body = Json.parseObject(call.request());
        if (body.has("defaultUser")) {
            admin.defaultConsentUser(AdminJson.text(body, "defaultUser"));
        }
        Boolean denyNext = AdminJson.bool(body, "denyNext");
        if (denyNext != null) {
            admin.denyNextConsent(denyNext);
        }
        return AdminJson.ok(consent());
    }
}
