package io.syncplane.emulator;

import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.emulator.oauth.Pkce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.syncplane.emulator.AuthorizationCodeFlowTest.CALLBACK;
import static io.syncplane.emulator.AuthorizationCodeFlowTest.GMAIL_READONLY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes wrong in the authorization-code flow, and how the emulator answers it the way Google does: error pages
 * without a redirect for an untrusted client or redirect URI, error redirects after that, and {@code invalid_grant}
 * for codes that are spent, expired, or presented with the wrong verifier or redirect URI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationErrorsTest {

    private static final String REGISTERED_ID = "registered-app.apps.googleusercontent.com";
    private static final String REGISTERED_URI = "https://app.example.test/oauth/cb";
    private static final String OTHER_ID = "other-app.apps.googleusercontent.com";
    private static final String VERIFIER = "e".repeat(20) + "-verifier-" + "f".repeat(20);

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private final OAuthBrowser browser = new OAuthBrowser();
    private GoogleEmulator emulator;
    private EmulatorClients clients;
    private OAuthCredentials app;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(4).messagesPerUser(2).clock(clock).quotasEnabled(false)
                .addOAuthClient(REGISTERED_ID, "registered-secret", REGISTERED_URI)
                .addOAuthClient(OTHER_ID, "other-secret")
                .start();
        clients = new EmulatorClients(emulator);
        app = emulator.admin().credentials(emulator.admin().email(1));
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void unknownOrMissingClientGetsAnErrorPageAndNoRedirect() throws Exception {
        Map<String, String> params = params(app.clientId(), CALLBACK);
        params.put("client_id", "nobody.apps.googleusercontent.com");
        assertErrorPage(browser.open(authUrl(params)), 401, "invalid_client");
        params.remove("client_id");
        assertErrorPage(browser.open(authUrl(params)), 400, "invalid_request");
    }

    @Test
    void registeredRedirectUrisMustMatchExactly() throws Exception {
        assertThat(browser.redirectQuery(authUrl(params(REGISTERED_ID, REGISTERED_URI)))).containsKey("code");
        for (String near : new String[] {REGISTERED_URI + "/", "http://app.example.test/oauth/cb",
                "https://APP.example.test/oauth/cb", "https://app.example.test/oauth/cb?x=1"}) {
            HttpResponse<String> page = browser.open(authUrl(params(REGISTERED_ID, near)));
            assertErrorPage(page, 400, "redirect_uri_mismatch");
            assertThat(page.body()).contains("Error 400: redirect_uri_mismatch");
        }
        // a client without registered URIs takes any http(s) one, but never a fragment or another scheme
        assertErrorPage(browser.open(authUrl(params(OTHER_ID, "https://x.test/cb#frag"))), 400, "invalid_request");
        assertErrorPage(browser.open(authUrl(params(OTHER_ID, "javascript:alert(1)"))), 400, "invalid_request");
        assertErrorPage(browser.open(authUrl(params(OTHER_ID, null))), 400, "invalid_request");
    }

    @Test
    void registeringRedirectUrisThroughTheAdminApiTakesEffect() throws Exception {
        HttpResponse<String> put = browser.send("PUT", emulator.adminUrl() + "/oauth/clients/" + OTHER_ID,
                "{\"redirectUris\":[\"https://other.example.test/cb\"]}");
        assertThat(put.statusCode()).isEqualTo(200);
        try {
            assertErrorPage(browser.open(authUrl(params(OTHER_ID, CALLBACK))), 400, "redirect_uri_mismatch");
            assertThat(browser.redirectQuery(authUrl(params(OTHER_ID, "https://other.example.test/cb"))))
                    .containsKey("code");
        } finally {
            emulator.admin().redirectUris(OTHER_ID, List.of());
        }
        assertThat(browser.redirectQuery(authUrl(params(OTHER_ID, CALLBACK)))).containsKey("code");
    }

    @Test
    void requestErrorsAfterTheRedirectUriIsTrustedGoBackToTheClient() throws Exception {
        Map<String, String> badMethod = params(app.clientId(), CALLBACK);
        badMethod.put("code_challenge_method", "S512");
        assertThat(browser.redirectQuery(authUrl(badMethod))).containsEntry("error", "invalid_request")
                .containsEntry("state", "xyz").doesNotContainKey("code");
        Map<String, String> noScope = params(app.clientId(), CALLBACK);
        noScope.remove("scope");
        assertThat(browser.redirectQuery(authUrl(noScope))).containsEntry("error", "invalid_request");
        Map<String, String> badScope = params(app.clientId(), CALLBACK);
        badScope.put("scope", "openid https://evil.test/all");
        assertThat(browser.redirectQuery(authUrl(badScope))).containsEntry("error", "invalid_scope");
        Map<String, String> token = params(app.clientId(), CALLBACK);
        token.put("response_type", "token");
        assertThat(browser.redirectQuery(authUrl(token))).containsEntry("error", "unsupported_response_type");
        Map<String, String> stranger = params(app.clientId(), CALLBACK);
        stranger.put("login_hint", "someone@gmail.com");
        assertThat(browser.redirectQuery(authUrl(stranger))).containsEntry("error", "invalid_request");
    }

    @Test
    void theNextConsentCanBeMadeADenial() throws Exception {
        emulator.admin().denyNextConsent();
        Map<String, String> denied = browser.redirectQuery(authUrl(params(app.clientId(), CALLBACK)));
        assertThat(denied).containsOnly(Map.entry("error", "access_denied"), Map.entry("state", "xyz"));
        assertThat(emulator.admin().denyNextConsentPending()).isFalse();
        assertThat(browser.redirectQuery(authUrl(params(app.clientId(), CALLBACK)))).containsKey("code");

        HttpResponse<String> viaHttp = browser.send("PUT", emulator.adminUrl() + "/oauth/consent",
                "{\"denyNext\":true}");
        assertThat(Json.MAPPER.readTree(viaHttp.body()).get("denyNext").asBoolean()).isTrue();
        assertThat(browser.redirectQuery(authUrl(params(app.clientId(), CALLBACK))))
                .containsEntry("error", "access_denied");
    }

    @Test
    void promptNoneNeedsAnEarlierConsent() throws Exception {
        Map<String, String> silent = params(OTHER_ID, CALLBACK);
        silent.put("prompt", "none");
        silent.put("login_hint", emulator.admin().email(4));
        assertThat(browser.redirectQuery(authUrl(silent))).containsEntry("error", "consent_required");
        Map<String, String> mixed = params(app.clientId(), CALLBACK);
        mixed.put("prompt", "none consent");
        assertThat(browser.redirectQuery(authUrl(mixed))).containsEntry("error", "invalid_request");
        Map<String, String> seeded = params(app.clientId(), CALLBACK);
        seeded.put("prompt", "none");
        assertThat(browser.redirectQuery(authUrl(seeded))).containsKey("code");
    }

    @Test
    void wrongOrMissingVerifierIsInvalidGrantAndSpendsTheCode() throws Exception {
        String code = code(app.clientId());
        assertTokenError(exchange(code, CALLBACK, "w".repeat(43), app.clientSecret()), 400, "invalid_grant",
                "Invalid code verifier.");
        assertTokenError(exchange(code, CALLBACK, VERIFIER, app.clientSecret()), 400, "invalid_grant", "Bad Request");
        assertTokenError(exchange(code(app.clientId()), CALLBACK, null, app.clientSecret()), 400, "invalid_grant",
                "Missing code verifier.");
    }

    @Test
    void redirectUriMustEqualTheOneTheCodeWasIssuedFor() throws Exception {
        assertTokenError(exchange(code(app.clientId()), CALLBACK + "/other", VERIFIER, app.clientSecret()), 400,
                "redirect_uri_mismatch", "Bad Request");
    }

    @Test
    void reusingACodeFailsAndRevokesWhatItsFirstExchangeIssued() throws Exception {
        String code = code(app.clientId());
        JsonNode first = Json.MAPPER.readTree(exchange(code, CALLBACK, VERIFIER, app.clientSecret()).body());
        String refreshToken = first.get("refresh_token").asString();
        String accessToken = first.get("access_token").asString();
        assertThat(refresh(refreshToken).statusCode()).isEqualTo(200);

        assertTokenError(exchange(code, CALLBACK, VERIFIER, app.clientSecret()), 400, "invalid_grant", "Bad Request");
        assertTokenError(refresh(refreshToken), 400, "invalid_grant", "Token has been expired or revoked.");
        assertThat(browser.get(emulator.userinfoUrl(), "Bearer " + accessToken).statusCode()).isEqualTo(401);
        // only that exchange's tokens: the user's seeded grant of the same client lives on
        assertThat(clients.gmail(emulator.admin().email(1)).users().getProfile("me").execute()).isNotNull();
    }

    @Test
    void codesExpireAfterTenMinutesOnTheEmulatorClock() throws Exception {
        String code = code(app.clientId());
        clock.advance(Duration.ofMinutes(10));
        assertTokenError(exchange(code, CALLBACK, VERIFIER, app.clientSecret()), 400, "invalid_grant", "Bad Request");
        String fresh = code(app.clientId());
        clock.advance(Duration.ofMinutes(9));
        assertThat(exchange(fresh, CALLBACK, VERIFIER, app.clientSecret()).statusCode()).isEqualTo(200);
    }

    @Test
    void clientMustBeTheOneTheCodeWasIssuedToAndAuthenticate() throws Exception {
        String code = code(app.clientId());
        assertTokenError(exchange(code, CALLBACK, VERIFIER, "wrong-secret"), 401, "invalid_client", "Unauthorized");
        Map<String, String> form = exchangeForm(code, CALLBACK, VERIFIER);
        form.put("client_id", OTHER_ID);
        form.put("client_secret", "other-secret");
        assertTokenError(browser.postForm(emulator.tokenUrl(), null, form), 400, "invalid_grant", "Unauthorized");
        Map<String, String> unknown = exchangeForm(code, CALLBACK, VERIFIER);
        unknown.put("client_id", "nobody");
        unknown.put("client_secret", "x");
        assertTokenError(browser.postForm(emulator.tokenUrl(), null, unknown), 401, "invalid_client",
                "The OAuth client was not found.");
        // neither a wrong secret nor a foreign client spends the code
        assertThat(exchange(code, CALLBACK, VERIFIER, app.clientSecret()).statusCode()).isEqualTo(200);
        assertTokenError(exchange("4/0Anonsense", CALLBACK, VERIFIER, app.clientSecret()), 400, "invalid_grant",
                "Malformed auth code.");
    }

    @Test
    void revokingARefreshOrAccessTokenRevokesTheGrantOfThatClientOnly() throws Exception {
        String email = emulator.admin().email(3);
        JsonNode other = otherAppTokens(email);
        assertThat(browser.postForm(emulator.revocationUrl(), null,
                Map.of("token", other.get("refresh_token").asString())).statusCode()).isEqualTo(200);
        assertTokenError(refreshAs(OTHER_ID, "other-secret", other.get("refresh_token").asString()), 400,
                "invalid_grant", "Token has been expired or revoked.");
        assertThat(browser.get(emulator.userinfoUrl(), "Bearer " + other.get("access_token").asString())
                .statusCode()).isEqualTo(401);
        assertTokenError(browser.postForm(emulator.revocationUrl(), null,
                Map.of("token", other.get("refresh_token").asString())), 400, "invalid_token",
                "Token expired or revoked");
        // the same user's grant of the default client is another grant
        assertThat(clients.gmail(email).users().getProfile("me").execute().getEmailAddress()).isEqualTo(email);

        // consenting again starts a new grant; revoking by its access token (query form, as Node does) kills it
        JsonNode again = otherAppTokens(email);
        assertThat(browser.postForm(emulator.revocationUrl() + "?token=" + again.get("access_token").asString(),
                null, Map.of()).statusCode()).isEqualTo(200);
        assertTokenError(refreshAs(OTHER_ID, "other-secret", again.get("refresh_token").asString()), 400,
                "invalid_grant", "Token has been expired or revoked.");
    }

    @Test
    void aRefreshTokenWorksOnlyForItsOwnClient() throws Exception {
        JsonNode other = otherAppTokens(emulator.admin().email(2));
        assertTokenError(refresh(other.get("refresh_token").asString()), 401, "unauthorized_client", "Unauthorized");
        assertThat(clients.credential(emulator.admin().email(2)).refreshToken()).isTrue();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private JsonNode otherAppTokens(String email) throws IOException, InterruptedException {
        Map<String, String> params = params(OTHER_ID, CALLBACK);
        params.put("login_hint", email);
        String code = browser.redirectQuery(authUrl(params)).get("code");
        Map<String, String> form = exchangeForm(code, CALLBACK, VERIFIER);
        form.put("client_id", OTHER_ID);
        form.put("client_secret", "other-secret");
        HttpResponse<String> answer = browser.postForm(emulator.tokenUrl(), null, form);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.MAPPER.readTree(answer.body());
    }

    private Map<String, String> params(String clientId, String redirectUri) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        if (redirectUri != null) {
            params.put("redirect_uri", redirectUri);
        }
        params.put("response_type", "code");
        params.put("scope", "openid email " + GMAIL_READONLY);
        params.put("access_type", "offline");
        params.put("prompt", "consent");
        params.put("state", "xyz");
        params.put("code_challenge", Pkce.s256(VERIFIER));
        params.put("code_challenge_method", "S256");
        return params;
    }

    private String authUrl(Map<String, String> params) {
        return OAuthBrowser.url(emulator.authorizationUrl(), params);
    }

    private String code(String clientId) throws IOException, InterruptedException {
        return browser.redirectQuery(authUrl(params(clientId, CALLBACK))).get("code");
    }

    private Map<String, String> exchangeForm(String code, String redirectUri, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return form;
    }

    private HttpResponse<String> exchange(String code, String redirectUri, String verifier, String secret)
            throws IOException, InterruptedException {
        Map<String, String> form = exchangeForm(code, redirectUri, verifier);
        form.put("client_id", app.clientId());
        form.put("client_secret", secret);
        return browser.postForm(emulator.tokenUrl(), null, form);
    }

    private HttpResponse<String> refresh(String refreshToken) throws IOException, InterruptedException {
        return refreshAs(app.clientId(), app.clientSecret(), refreshToken);
    }

    private HttpResponse<String> refreshAs(String clientId, String secret, String refreshToken)
            throws IOException, InterruptedException {
        return browser.postForm(emulator.tokenUrl(), null, Map.of("grant_type", "refresh_token", "client_id",
                clientId, "client_secret", secret, "refresh_token", refreshToken));
    }

    private static void assertErrorPage(HttpResponse<String> page, int status, String error) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(status);
        assertThat(page.headers().firstValue("Location")).as("no redirect").isEmpty();
        assertThat(page.headers().firstValue("X-Emulator-OAuth-Error")).contains(error);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    }

    private static void assertTokenError(HttpResponse<String> answer, int status, String error, String description)
            throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode body = Json.MAPPER.readTree(answer.body());
        assertThat(body.get("error").asString()).isEqualTo(error);
        assertThat(body.get("error_description").asString()).isEqualTo(description);
    }
}
