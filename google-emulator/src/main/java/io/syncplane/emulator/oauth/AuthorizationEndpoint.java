package io.syncplane.emulator.oauth;

import io.syncplane.emulator.http.ApiResponse;
import io.syncplane.emulator.http.Call;
import io.syncplane.emulator.http.Params;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.users.UserAccount;
import io.syncplane.emulator.users.UserDirectory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Google's authorization endpoint ({@code GET o/oauth2/v2/auth}, and the legacy {@code o/oauth2/auth} the Java
 * library still uses), with a consent screen nobody sees: the user named by {@code login_hint} (or the configured
 * default user, else user 1) consents at once and the browser is sent back with a code.
 *
 * <p>As at Google, a request whose client or redirect URI cannot be trusted gets an error page and no redirect (an
 * open redirector otherwise); every later problem goes back to the redirect URI as {@code error=...&state=...}.
 */
public final class AuthorizationEndpoint {

    private static final Set<String> PROMPTS = Set.of("none", "consent", "select_account");

    private final OAuthClients clients;
    private final Grants grants;
    private final ConsentSettings consent;
    private final UserDirectory users;
    private final AuthorizationCodes codes;

    public AuthorizationEndpoint(OAuthClients clients, Grants grants, ConsentSettings consent, UserDirectory users,
                                 AuthorizationCodes codes) {
        this.clients = clients;
        this.grants = grants;
        this.consent = consent;
        this.users = users;
        this.codes = codes;
    }

    public void register(RouteTable routes) {
        for (String path : new String[] {"o/oauth2/v2/auth", "o/oauth2/auth"}) {
            routes.open("GET", path, this::authorize);
            routes.open("POST", path, this::authorize); // OpenID Connect requires POST too
        }
    }

    private ApiResponse authorize(Call call) {
        Params params = call.params();
        String clientId = params.text("client_id");
        if (clientId == null) {
            return ErrorPage.of(400, "invalid_request", "Missing required parameter: client_id");
        }
        if (clients.find(clientId).isEmpty()) {
            return ErrorPage.of(401, "invalid_client", "The OAuth client was not found.");
        }
        String redirectUri = params.text("redirect_uri");
        if (redirectUri == null) {
            return ErrorPage.of(400, "invalid_request", "Missing required parameter: redirect_uri");
        }
        if (!RedirectUris.wellFormed(redirectUri)) {
            return ErrorPage.of(400, "invalid_request", "Invalid parameter value for redirect_uri: " + redirectUri);
        }
        if (!clients.redirectAllowed(clientId, redirectUri)) {
            return ErrorPage.of(400, "redirect_uri_mismatch", "The redirect URI in the request, " + redirectUri
                    + ", does not match the ones authorized for the OAuth client.");
        }
        String state = params.first("state");
        Back back = new Back(redirectUri, state);
        String responseType = params.text("response_type");
        if (responseType == null) {
            return back.error("invalid_request", "Missing required parameter: response_type");
        }
        if (!responseType.equals("code")) {
            return back.error("unsupported_response_type", "Unsupported response_type: " + responseType);
        }
        Scopes scopes = Scopes.parse(params.first("scope"));
        if (scopes.isEmpty()) {
            return back.error("invalid_request", "Missing required parameter: scope");
        }
        for (String scope : scopes.values()) {
            if (!knownScope(scope)) {
                return back.error("invalid_scope", "Some requested scopes were invalid. {invalid=[" + scope + "]}");
            }
        }
        String accessType = params.text("access_type");
        if (accessType != null && !accessType.equals("online") && !accessType.equals("offline")) {
            return back.error("invalid_request", "Invalid access_type: " + accessType);
        }
        Set<String> prompt = spaceSeparated(params.first("prompt"));
        if (!PROMPTS.containsAll(prompt) || prompt.contains("none") && prompt.size() > 1) {
            return back.error("invalid_request", "Invalid prompt: " + params.first("prompt"));
        }
        // The legacy approval_prompt=force|auto, which google-auth-library's UserAuthorizer still sends instead of
        // prompt=consent; Google refuses the two together.
        String approvalPrompt = params.text("approval_prompt");
        if (approvalPrompt != null) {
            if (!prompt.isEmpty()) {
                return back.error("invalid_request", "Conflict params: approval_prompt and prompt");
            }
            if (!approvalPrompt.equals("force") && !approvalPrompt.equals("auto")) {
                return back.error("invalid_request", "Invalid approval_prompt: " + approvalPrompt);
            }
            prompt = approvalPrompt.equals("force") ? Set.of("consent") : Set.of();
        }
        String challenge = params.text("code_challenge");
        String methodName = params.text("code_challenge_method");
        Optional<Pkce.Method> method = Pkce.Method.parse(methodName);
        if (method.isEmpty()) {
            return back.error("invalid_request", "Invalid code_challenge_method: " + methodName);
        }
        if (challenge == null && methodName != null) {
            return back.error("invalid_request", "Missing required parameter: code_challenge");
        }
        if (challenge != null && !Pkce.wellFormed(challenge)) {
            return back.error("invalid_request", "Invalid code_challenge: " + challenge);
        }
        AuthorizationRequest request = new AuthorizationRequest(clientId, redirectUri, scopes,
                "offline".equals(accessType), prompt, state, params.text("login_hint"), challenge, method.get(),
                "true".equals(params.text("include_granted_scopes")), params.text("nonce"));
        return consent(request, back);
    }

    private ApiResponse consent(AuthorizationRequest request, Back back) {
        Optional<UserAccount> found = consentingUser(request.loginHint());
        if (found.isEmpty()) {
            return back.error("invalid_request", "login_hint " + request.loginHint()
                    + " is none of the emulator's users");
        }
        UserAccount user = found.get();
        GrantState grant = grants.of(user, request.clientId());
        // Google shows the consent screen the first time, for new scopes, or when asked to; only then does an
        // offline request get a refresh token.
        boolean screenShown = !grant.consented() || !grant.scopes().containsAll(request.scopes().values())
                || request.forcesConsent();
        if (request.silent()) {
            if (screenShown) {
                return back.error("consent_required", null);
            }
        } else if (consent.takeDenial()) {
            return back.error("access_denied", null);
        }
        int generation = grant.consent(request.scopes());
        Scopes granted = request.includeGrantedScopes() ? grant.scopes() : request.scopes();
        AuthorizationCode code = codes.issue(request, user, generation, granted,
                request.offline() && screenShown);
        Map<String, String> answer = new LinkedHashMap<>();
        if (request.state() != null) {
            answer.put("state", request.state());
        }
        answer.put("code", code.value());
        answer.put("scope", granted.joined());
        return back.to(answer);
    }

    private Optional<UserAccount> consentingUser(String loginHint) {
        if (loginHint != null) {
            Optional<UserAccount> byEmail = users.byEmail(loginHint);
            if (byEmail.isPresent() || !loginHint.matches("1\\d{20}")) {
                return byEmail;
            }
            // a login_hint may also be the user's sub (see UserAccount.subject)
            long index = Long.parseLong(loginHint.substring(1));
            return index > Integer.MAX_VALUE ? Optional.empty() : users.byIndex((int) index);
        }
        String email = consent.defaultUser().orElse(null);
        return email == null ? users.byIndex(1) : users.byEmail(email);
    }

    private static Set<String> spaceSeparated(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            for (String item : value.trim().split("\\s+")) {
                if (!item.isEmpty()) {
                    out.add(item);
                }
            }
        }
        return out;
    }

    /** Scopes Google would recognise: the OpenID ones and Google API scopes. */
    private static boolean knownScope(String scope) {
        return scope.equals("openid") || scope.equals("email") || scope.equals("profile")
                || scope.startsWith("https://www.googleapis.com/auth/") || scope.equals("https://mail.google.com/");
    }

    /** The way back to the client: a 302 to its redirect URI with parameters appended to any query it has. */
    private record Back(String redirectUri, String state) {

        ApiResponse error(String error, String description) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("error", error);
            if (description != null) {
                params.put("error_description", description);
            }
            if (state != null) {
                params.put("state", state);
            }
            return to(params);
        }

        ApiResponse to(Map<String, String> params) {
            StringBuilder location = new StringBuilder(redirectUri);
            char last = redirectUri.charAt(redirectUri.length() - 1);
            if (redirectUri.indexOf('?') < 0) {
                location.append('?');
            } else if (last != '?' && last != '&') {
                location.append('&');
            }
            boolean first = true;
            for (Map.Entry<String, String> param : params.entrySet()) {
                if (!first) {
                    location.append('&');
                }
                first = false;
                location.append(param.getKey()).append('=').append(encode(param.getValue()));
            }
            return new ApiResponse(302, null, Map.of("Location", location.toString(), "Cache-Control",
                    "no-cache, no-store, max-age=0, must-revalidate"), null);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
