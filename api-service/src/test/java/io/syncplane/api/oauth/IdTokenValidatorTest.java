package io.syncplane.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplane.emulator.http.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real emulator ID tokens, checked for the things a forged or misdirected one gets wrong. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdTokenValidatorTest {

    private final OAuthFixture oauth = new OAuthFixture();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String otherAppsToken;
    private String email;

    @BeforeAll
    void obtainATokenIssuedToAnotherClient() throws Exception {
        email = oauth.emulator.admin().email(3);
        otherAppsToken = idToken(OAuthFixture.OTHER_CLIENT, OAuthFixture.OTHER_SECRET, "n-1");
    }

    @AfterAll
    void stop() throws Exception {
        oauth.close();
    }

    @Test
    void acceptsItsOwnAudienceWithTheRightNonce() {
        VerifiedIdToken verified = oauth.idTokens.verify(otherAppsToken, OAuthFixture.OTHER_CLIENT, "n-1");
        assertThat(verified.email()).isEqualTo(email);
        assertThat(verified.subject()).isEqualTo(oauth.emulator.admin().subject(email));
    }

    @Test
    void aTokenForAnotherClientIsRejected() {
        assertThatThrownBy(() -> oauth.idTokens.verify(otherAppsToken, oauth.app.clientId(), "n-1"))
                .isInstanceOf(IdTokenValidator.IdTokenRejectedException.class).hasMessageContaining("audience");
    }

    @Test
    void aNonceFromAnotherFlowIsRejected() {
        assertThatThrownBy(() -> oauth.idTokens.verify(otherAppsToken, OAuthFixture.OTHER_CLIENT, "n-2"))
                .isInstanceOf(IdTokenValidator.IdTokenRejectedException.class).hasMessageContaining("nonce");
    }

    @Test
    void aTamperedPayloadFailsTheSignature() {
        String[] parts = otherAppsToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(email, "attacker@example.test");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> oauth.idTokens.verify(forged, OAuthFixture.OTHER_CLIENT, "n-1"))
                .isInstanceOf(IdTokenValidator.IdTokenRejectedException.class).hasMessageContaining("signature");
    }

    @Test
    void expiryAllowsFiveMinutesOfSkewAndNoMore() {
        IdTokenValidator later = new IdTokenValidator(oauth.properties.jwksUrl(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), java.time.Clock.offset(oauth.clock, Duration.ofMinutes(64)));
        assertThat(later.verify(otherAppsToken, OAuthFixture.OTHER_CLIENT, "n-1")).isNotNull();
        IdTokenValidator tooLate = new IdTokenValidator(oauth.properties.jwksUrl(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), java.time.Clock.offset(oauth.clock, Duration.ofMinutes(65)));
        assertThatThrownBy(() -> tooLate.verify(otherAppsToken, OAuthFixture.OTHER_CLIENT, "n-1"))
                .isInstanceOf(IdTokenValidator.IdTokenRejectedException.class).hasMessageContaining("expired");
    }

    @Test
    void anUnreachableJwksIsUnavailabilityNotRejection() {
        IdTokenValidator cut = new IdTokenValidator(URI.create("http://127.0.0.1:1/oauth2/v3/certs"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), oauth.clock);
        assertThatThrownBy(() -> cut.verify(otherAppsToken, OAuthFixture.OTHER_CLIENT, "n-1"))
                .isInstanceOf(GoogleOAuthUnavailableException.class);
    }

    /** A whole flow for another client, by hand: the emulator's answer is the ID token to test with. */
    private String idToken(String clientId, String secret, String nonce) throws Exception {
        Map<String, String> auth = new LinkedHashMap<>();
        auth.put("client_id", clientId);
        auth.put("redirect_uri", "https://other.example.test/cb");
        auth.put("response_type", "code");
        auth.put("scope", "openid email");
        auth.put("login_hint", email);
        auth.put("nonce", nonce);
        HttpResponse<String> consent = http.send(HttpRequest.newBuilder(URI.create(oauth.emulator.authorizationUrl()
                + "?" + form(auth))).GET().build(), HttpResponse.BodyHandlers.ofString());
        String code = Browser.query(URI.create(consent.headers().firstValue("Location").orElseThrow())).get("code");
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", code);
        exchange.put("redirect_uri", "https://other.example.test/cb");
        exchange.put("client_id", clientId);
        exchange.put("client_secret", secret);
        HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(oauth.emulator.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(exchange))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return Json.MAPPER.readTree(tokens.body()).get("id_token").asString();
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
