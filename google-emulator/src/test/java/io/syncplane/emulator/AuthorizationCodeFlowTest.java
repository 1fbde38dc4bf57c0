package io.syncplane.emulator;

import com.google.api.client.auth.oauth2.AuthorizationCodeRequestUrl;
import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.openidconnect.IdTokenVerifier;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeTokenRequest;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdToken;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.http.BasicAuthentication;
import com.google.api.client.http.GenericUrl;
import com.google.auth.oauth2.ClientId;
import com.google.auth.oauth2.DefaultPKCEProvider;
import com.google.auth.oauth2.UserAuthorizer;
import com.google.auth.oauth2.UserCredentials;
import io.syncplane.emulator.http.Json;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.emulator.oauth.Pkce;
import io.syncplane.emulator.oauth.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization-code flow with PKCE, driven over HTTP by Google's own Java libraries. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationCodeFlowTest {

    static final String GMAIL_READONLY = "https://www.googleapis.com/auth/gmail.readonly";
    static final String CALLBACK = "http://127.0.0.1:1/oauth/callback";

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private final OAuthBrowser browser = new OAuthBrowser();
    private GoogleEmulator emulator;
    private EmulatorClients clients;
    private OAuthCredentials app;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(6).messagesPerUser(2).clock(clock).quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
        app = emulator.admin().credentials(emulator.admin().email(1));
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void googleAuthLibraryUserAuthorizerWithItsPaddedVerifierOnTheLegacyPath() throws Exception {
        String email = emulator.admin().email(2);
        DefaultPKCEProvider pkce = new DefaultPKCEProvider();
        // the trap: longer than RFC 7636 allows and padded, and Google accepts it, so the emulator must too
        assertThat(pkce.getCodeVerifier()).hasSize(172).endsWith("==");
        UserAuthorizer authorizer = UserAuthorizer.newBuilder()
                .setClientId(ClientId.of(app.clientId(), app.clientSecret()))
                .setScopes(List.of(GMAIL_READONLY))
                .setCallbackUri(URI.create(CALLBACK))
                .setUserAuthUri(URI.create(emulator.rootUrl() + "o/oauth2/auth"))
                .setTokenServerUri(URI.create(emulator.tokenUrl()))
                .setHttpTransportFactory(() -> EmulatorClients.TRANSPORT)
                .setPKCEProvider(pkce)
                .build();
        String url = authorizer.getAuthorizationUrl("app-user", "state-42", null, Map.of("login_hint", email))
                .toString();
        assertThat(url).startsWith(emulator.rootUrl() + "o/oauth2/auth?").contains("code_challenge_method=S256");

        Map<String, String> back = browser.redirectQuery(url);
        assertThat(back).containsEntry("state", "state-42").containsKey("code");
        UserCredentials credentials = authorizer.getCredentialsFromCode(back.get("code"), null);

        assertThat(credentials.getRefreshToken()).isNotBlank();
        assertThat(credentials.getAccessToken().getTokenValue()).startsWith("ya29.emu-");
        UserCredentials refreshing = UserCredentials.newBuilder().setClientId(app.clientId())
                .setClientSecret(app.clientSecret()).setRefreshToken(credentials.getRefreshToken())
                .setTokenServerUri(URI.create(emulator.tokenUrl()))
                .setHttpTransportFactory(() -> EmulatorClients.TRANSPORT).build();
        String accessToken = refreshing.refreshAccessToken().getTokenValue();
        assertThat(clients.gmail(EmulatorClients.bearer(accessToken)).users().getProfile("me").execute()
                .getEmailAddress()).isEqualTo(email);
    }

    @Test
    void googleOAuthClientWithS256AndAnIdTokenThatVerifiesAgainstTheJwks() throws Exception {
        String email = emulator.admin().email(3);
        String verifier = "Syncplane-generates-43-char-verifiers.like~this";
        String url = consentUrl(verifier, email, "openid email " + GMAIL_READONLY).build();

        Map<String, String> back = browser.redirectQuery(url);
        assertThat(back.get("code")).startsWith("4/0A");
        GoogleTokenResponse tokens = new GoogleAuthorizationCodeTokenRequest(EmulatorClients.TRANSPORT,
                EmulatorClients.JSON, emulator.tokenUrl(), app.clientId(), app.clientSecret(), back.get("code"),
                CALLBACK).set("code_verifier", verifier).execute();

        assertThat(tokens.getTokenType()).isEqualTo("Bearer");
        // include_granted_scopes: what this user granted the client before (the seeded read-only scopes) is added
        assertThat(tokens.getScope().split(" ")).contains("openid", "email", GMAIL_READONLY)
                .contains(Scopes.SEEDED.values().toArray(String[]::new));
        assertThat(tokens.getExpiresInSeconds()).isEqualTo(3600);
        assertThat(tokens.getRefreshToken()).isNotBlank();
        GoogleIdToken idToken = tokens.parseIdToken();
        IdTokenVerifier verifierOfIds = new IdTokenVerifier.Builder()
                .setCertificatesLocation(emulator.jwksUrl())
                .setIssuers(List.of("https://accounts.google.com", "accounts.google.com"))
                .setAudience(List.of(app.clientId()))
                .setClock(clock::millis)
                .build();
        assertThat(verifierOfIds.verifyOrThrow(idToken)).isTrue();
        GoogleIdToken.Payload claims = idToken.getPayload();
        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo("RS256");
        assertThat(idToken.getHeader().getKeyId()).isNotBlank();
        assertThat(claims.getIssuer()).isEqualTo("https://accounts.google.com");
        assertThat(claims.getAudienceAsList()).containsExactly(app.clientId());
        assertThat(claims.getAuthorizedParty()).isEqualTo(app.clientId());
        assertThat(claims.getSubject()).isEqualTo(emulator.admin().subject(email)).hasSize(21);
        assertThat(claims.getEmail()).isEqualTo(email);
        assertThat(claims.getEmailVerified()).isTrue();
        assertThat(claims.getIssuedAtTimeSeconds()).isEqualTo(clock.millis() / 1000);
        assertThat(claims.getExpirationTimeSeconds() - claims.getIssuedAtTimeSeconds()).isEqualTo(3600);

        Credential credential = new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
                .setTransport(EmulatorClients.TRANSPORT).setJsonFactory(EmulatorClients.JSON)
                .setTokenServerEncodedUrl(emulator.tokenUrl())
                .setClientAuthentication(new ClientParametersAuthentication(app.clientId(), app.clientSecret()))
                .build().setRefreshToken(tokens.getRefreshToken());
        assertThat(clients.gmail(credential).users().getProfile("me").execute().getEmailAddress()).isEqualTo(email);
        // the refresh answer carries a new ID token too, as Google's does for an openid grant
        assertThat(credential.refreshToken()).isTrue();
    }

    @Test
    void basicClientAuthenticationPlainPkceOnlineAccessAndNoOpenid() throws Exception {
        String verifier = "p".repeat(50);
        AuthorizationCodeRequestUrl request = new AuthorizationCodeRequestUrl(emulator.authorizationUrl(),
                app.clientId()).setRedirectUri(CALLBACK).setScopes(List.of(GMAIL_READONLY)).setState("s");
        request.setCodeChallenge(verifier);
        request.setCodeChallengeMethod("plain");
        Map<String, String> back = browser.redirectQuery(request.build());

        TokenResponse tokens = new AuthorizationCodeTokenRequest(EmulatorClients.TRANSPORT, EmulatorClients.JSON,
                new GenericUrl(emulator.tokenUrl()), back.get("code")).setRedirectUri(CALLBACK)
                .setClientAuthentication(new BasicAuthentication(app.clientId(), app.clientSecret()))
                .set("code_verifier", verifier).execute();

        assertThat(tokens.getRefreshToken()).as("online access gets no refresh token").isNull();
        assertThat(tokens.get("id_token")).as("no openid, no ID token").isNull();
        assertThat(tokens.getScope()).isEqualTo(GMAIL_READONLY);
        // no login_hint and no configured default: user 1 consents
        assertThat(clients.gmail(EmulatorClients.bearer(tokens.getAccessToken())).users().getProfile("me").execute()
                .getEmailAddress()).isEqualTo(emulator.admin().email(1));
    }

    @Test
    void refreshTokenOnlyWhenTheConsentScreenWouldShow() throws Exception {
        // Seeded users have granted the read-only scopes to the default client: without prompt=consent no screen,
        // so an offline request gets no refresh token (Google's behaviour that prompt=consent exists for).
        String email = emulator.admin().email(4);
        String verifier = "v".repeat(43);
        AuthorizationCodeRequestUrl quiet = consentUrl(verifier, email, GMAIL_READONLY);
        quiet.remove("prompt");
        assertThat(quiet.build()).doesNotContain("prompt");
        TokenResponse noRefresh = exchange(browser.redirectQuery(quiet.build()).get("code"), verifier);
        assertThat(noRefresh.getRefreshToken()).isNull();

        TokenResponse forced = exchange(browser.redirectQuery(consentUrl(verifier, email, GMAIL_READONLY).build())
                .get("code"), verifier);
        assertThat(forced.getRefreshToken()).isNotNull();
        // consenting again leaves the user's earlier refresh tokens working, as at Google
        assertThat(clients.gmail(email).users().getProfile("me").execute().getEmailAddress()).isEqualTo(email);
    }

    @Test
    void userinfoOnBothPathsFollowsTheScopes() throws Exception {
        String email = emulator.admin().email(5);
        String verifier = "u".repeat(64);
        String withProfile = consentUrl(verifier, email, "openid email profile").build();
        TokenResponse tokens = exchange(browser.redirectQuery(withProfile).get("code"), verifier);
        for (String path : List.of("oauth2/v3/userinfo", "v1/userinfo")) {
            HttpResponse<String> answer = browser.get(emulator.rootUrl() + path, "Bearer " + tokens.getAccessToken());
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = Json.MAPPER.readTree(answer.body());
            assertThat(body.get("sub").asString()).isEqualTo(emulator.admin().subject(email));
            assertThat(body.get("email").asString()).isEqualTo(email);
            assertThat(body.get("email_verified").asBoolean()).isTrue();
            assertThat(body.get("name").asString()).isEqualTo("User 00005");
        }
        // a user who never granted openid, email or profile: userinfo reveals the subject and nothing else
        HttpResponse<String> seeded = browser.get(emulator.userinfoUrl(),
                "Bearer " + emulator.admin().accessToken(emulator.admin().email(1)));
        assertThat(Json.MAPPER.readTree(seeded.body()).propertyNames()).containsExactly("sub");

        HttpResponse<String> bad = browser.get(emulator.userinfoUrl(), "Bearer ya29.nothing");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(bad.body()).get("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void loginHintMayBeTheSubjectAndTheDefaultConsentingUserIsConfigurable() throws Exception {
        String verifier = "d".repeat(43);
        String sixth = emulator.admin().email(6);
        TokenResponse bySub = exchange(browser.redirectQuery(consentUrl(verifier, emulator.admin().subject(sixth),
                "openid email").build()).get("code"), verifier);
        assertThat(GoogleIdToken.parse(EmulatorClients.JSON, (String) bySub.get("id_token")).getPayload().getEmail())
                .isEqualTo(sixth);

        emulator.admin().defaultConsentUser(sixth);
        try {
            TokenResponse byDefault = exchange(browser.redirectQuery(consentUrl(verifier, null, "openid email")
                    .build()).get("code"), verifier);
            assertThat(GoogleIdToken.parse(EmulatorClients.JSON, (String) byDefault.get("id_token")).getPayload()
                    .getEmail()).isEqualTo(sixth);
        } finally {
            emulator.admin().defaultConsentUser(null);
        }
    }

    /** What Syncplane's api-service sends: offline, prompt=consent, S256. */
    private AuthorizationCodeRequestUrl consentUrl(String verifier, String loginHint, String scopes) {
        AuthorizationCodeRequestUrl url = new AuthorizationCodeRequestUrl(emulator.authorizationUrl(), app.clientId())
                .setRedirectUri(CALLBACK).setScopes(List.of(scopes.split(" "))).setState("st")
                .set("access_type", "offline").set("prompt", "consent").set("include_granted_scopes", "true");
        if (loginHint != null) {
            url.set("login_hint", loginHint);
        }
        url.setCodeChallenge(Pkce.s256(verifier));
        url.setCodeChallengeMethod("S256");
        return url;
    }

    private TokenResponse exchange(String code, String verifier) throws IOException {
        return new GoogleAuthorizationCodeTokenRequest(EmulatorClients.TRANSPORT, EmulatorClients.JSON,
                emulator.tokenUrl(), app.clientId(), app.clientSecret(), code, CALLBACK)
                .set("code_verifier", verifier).execute();
    }
}
