package io.syncplane.emulator.oauth;

import io.syncplane.emulator.http.ApiException;
import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.RouteTable;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenID Connect userinfo: {@code GET oauth2/v3/userinfo} (www.googleapis.com) and {@code GET v1/userinfo}
 * (openidconnect.googleapis.com). The bearer token comes in the Authorization header or, as Google also accepts, an
 * {@code access_token} query parameter. What it reveals follows the token's scopes, as the ID token does.
 */
public final class UserinfoEndpoint {

    private final TokenService tokens;

    public UserinfoEndpoint(TokenService tokens) {
        this.tokens = tokens;
    }

    public void register(RouteTable routes) {
        routes.open("GET", "oauth2/v3/userinfo", this::userinfo);
        routes.open("GET", "v1/userinfo", this::userinfo);
    }

    private ApiResponse userinfo(Call call) {
        String authorization = call.request().authorization();
        String queryToken = call.params().text("access_token");
        if (authorization == null && queryToken != null) {
            authorization = "Bearer " + queryToken;
        }
        AccessToken token;
        try {
            token = tokens.bearer(authorization);
        } catch (ApiException e) {
            // userinfo answers in the OAuth error shape, not the API one
            ObjectNode body = Json.object();
            body.put("error", "invalid_request");
            body.put("error_description", "Invalid Credentials");
            return ApiResponse.json(401, Json.bytes(body)).withHeader("WWW-Authenticate",
                    "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
        }
        ObjectNode body = Json.object();
        body.put("sub", token.user().subject());
        if (UserClaims.grantsProfile(token.scopes())) {
            UserClaims.profile(token.user()).forEach((name, value) -> body.put(name, (String) value));
        }
        if (UserClaims.grantsEmail(token.scopes())) {
            body.put("email", token.user().email());
            body.put("email_verified", true);
        }
        return ApiResponse.ok(Json.bytes(body));
    }
}
