package io.syncplane.emulator.oauth;

import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.Params;
import io.syncplane.emulator.http.RouteTable;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Google's OAuth token endpoint ({@code POST /token}, the emulator's stand-in for oauth2.googleapis.com/token) and
 * revoke endpoint ({@code POST /revoke?token=}). Client credentials come in the form body or as HTTP Basic.
 */
public final class TokenEndpoint {

    private static final String SCOPES = "https://www.googleapis.com/auth/gmail.readonly"
            + " https://www.googleapis.com/auth/calendar.readonly https://www.googleapis.com/auth/contacts.readonly"
            + " https://www.googleapis.com/auth/tasks.readonly";

    private final TokenService tokens;

    public TokenEndpoint(TokenService tokens) {
        this.tokens = tokens;
    }

    public void register(RouteTable routes) {
        routes.open("POST", "token", this::token);
        routes.open("POST", "revoke", this::revoke);
    }

    private ApiResponse token(Call call) {
        Params form = formOf(call);
        String grantType = form.text("grant_type");
        if (grantType == null) {
            return error(400, "invalid_request", "Missing required parameter: grant_type");
        }
        if (!grantType.equals("refresh_token")) {
            return error(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
        }
        String refreshToken = form.text("refresh_token");
        if (refreshToken == null) {
            return error(400, "invalid_request", "Missing required parameter: refresh_token");
        }
        String clientId = form.text("client_id");
        String clientSecret = form.text("client_secret");
        String basic = call.request().authorization();
        if (clientId == null && basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decodeBasic(basic.substring(6).trim());
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                clientId = decoded.substring(0, colon);
                clientSecret = decoded.substring(colon + 1);
            }
        }
        try {
            AccessToken token = tokens.refresh(clientId, clientSecret, refreshToken);
            ObjectNode body = Json.object();
            body.put("access_token", token.value());
            body.put("expires_in", (token.expiresAtMillis() - token.issuedAtMillis()) / 1000);
            body.put("scope", SCOPES);
            body.put("token_type", "Bearer");
            return ApiResponse.ok(Json.bytes(body)).withHeader("Cache-Control", "no-store");
        } catch (OAuthException e) {
            return error(e.status(), e.error(), e.getMessage());
        }
    }

    private ApiResponse revoke(Call call) {
        String token = call.params().text("token");
        if (token == null) {
            token = formOf(call).text("token");
        }
        if (token == null || !tokens.revoke(token)) {
            return error(400, "invalid_token", "Token expired or revoked");
        }
        return ApiResponse.ok(Json.bytes(Json.object()));
    }

    private static Params formOf(Call call) {
        return Params.parse(new String(call.request().body(), StandardCharsets.UTF_8).trim());
    }

    private static String decodeBasic(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static ApiResponse error(int status, String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        return ApiResponse.json(status, Json.bytes(body));
    }
}
