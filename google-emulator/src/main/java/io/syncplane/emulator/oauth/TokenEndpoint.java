package io.syncplane.emulator.oauth;

import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.http.Params;
import io.syncplane.emulator.http.RouteTable;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Google's OAuth token endpoint ({@code POST /token}, the emulator's stand-in for oauth2.googleapis.com/token:
 * grant types {@code refresh_token} and {@code authorization_code}) and revoke endpoint ({@code POST /revoke},
 * token in the query or the form). Client credentials come in the form body or as HTTP Basic.
 */
public final class TokenEndpoint {

    private final TokenService tokens;
    private final OAuthClients clients;
    private final AuthorizationCodes codes;
    private final IdTokens idTokens;
    private final Clock clock;

    public TokenEndpoint(TokenService tokens, OAuthClients clients, AuthorizationCodes codes, IdTokens idTokens,
                         Clock clock) {
        this.tokens = tokens;
        this.clients = clients;
        this.codes = codes;
        this.idTokens = idTokens;
        this.clock = clock;
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
        try {
            return switch (grantType) {
                case "refresh_token" -> refresh(call, form);
                case "authorization_code" -> exchange(call, form);
                default -> error(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
            };
        } catch (OAuthException e) {
            return error(e.status(), e.error(), e.getMessage());
        }
    }

    private ApiResponse refresh(Call call, Params form) {
        String refreshToken = form.text("refresh_token");
        if (refreshToken == null) {
            return error(400, "invalid_request", "Missing required parameter: refresh_token");
        }
        ClientCredentials client = ClientCredentials.of(call, form);
        AccessToken token = tokens.refresh(client.id(), client.secret(), refreshToken);
        // Google sends a fresh ID token on refresh when the grant includes openid; no new refresh token.
        return answer(token, null, null);
    }

    private ApiResponse exchange(Call call, Params form) {
        ClientCredentials credentials = ClientCredentials.of(call, form);
        OAuthClient client = clients.authenticate(credentials.id(), credentials.secret());
        AuthorizationCodes.Exchange exchange = codes.exchange(client, form.text("code"), form.text("redirect_uri"),
                form.text("code_verifier"));
        return answer(exchange.accessToken(), exchange.grant().refreshToken(), exchange.request().nonce());
    }

    private ApiResponse answer(AccessToken token, String refreshToken, String nonce) {
        ObjectNode body = Json.object();
        body.put("access_token", token.value());
        body.put("expires_in", (token.expiresAtMillis() - token.issuedAtMillis()) / 1000);
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        body.put("scope", token.scopes().joined());
        body.put("token_type", "Bearer");
        if (IdTokens.wanted(token.scopes())) {
            body.put("id_token", idTokens.issue(token.user(), token.clientId(), token.scopes(), nonce,
                    clock.instant()));
        }
        return ApiResponse.ok(Json.bytes(body)).withHeader("Cache-Control", "no-store").withHeader("Pragma",
                "no-cache");
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

    private static ApiResponse error(int status, String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        return ApiResponse.json(status, Json.bytes(body));
    }

    /** The client's id and secret, from the form or (when the form has no client_id) an HTTP Basic header. */
    private record ClientCredentials(String id, String secret) {

        static ClientCredentials of(Call call, Params form) {
            String clientId = form.text("client_id");
            String basic = call.request().authorization();
            if (clientId == null && basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
                String decoded = decodeBasic(basic.substring(6).trim());
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return new ClientCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
                }
            }
            return new ClientCredentials(clientId, form.text("client_secret"));
        }

        private static String decodeBasic(String encoded) {
            try {
                return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }
}
