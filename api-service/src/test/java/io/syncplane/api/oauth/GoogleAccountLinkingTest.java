package io.syncplane.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.syncplane.google.AccessToken;
import io.syncplane.google.GoogleTokenRefresher;
import io.syncplane.google.InvalidGrantException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Linking an account end to end against the emulator over HTTP: consent URL, the browser's redirect, the callback's
 * code exchange and ID-token check, the refresh token in the worker's refresher, revocation, and what goes wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoogleAccountLinkingTest {

    private static final String APP = "https://app.example.test/linked?tab=accounts";

    private final OAuthFixture oauth = new OAuthFixture();

    @AfterAll
    void stop() throws Exception {
        oauth.close();
    }

    @Test
    void consentCallbackAndARefreshTokenTheWorkersCanUse() throws Exception {
        String email = oauth.emulator.admin().email(2);
        URI consentUrl = oauth.start.consentUrl(7, APP, Optional.of(email));
        Map<String, String> asked = Browser.query(consentUrl);
        assertThat(consentUrl.toString()).startsWith(oauth.emulator.authorizationUrl() + "?");
        assertThat(asked).containsEntry("client_id", oauth.app.clientId())
                .containsEntry("redirect_uri", OAuthFixture.CALLBACK.toString())
                .containsEntry("response_type", "code").containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent").containsEntry("include_granted_scopes", "true")
                .containsEntry("login_hint", email).containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(asked.get("scope").split(" ")).containsExactlyElementsOf(AuthorizationStart.SCOPES);
        OAuthState state = oauth.states.open(asked.get("state"));
        assertThat(state.userId()).isEqualTo(7);
        assertThat(AuthorizationStart.s256(state.codeVerifier())).isEqualTo(asked.get("code_challenge"));
        assertThat(decodedParts(asked.get("state"))).as("the verifier is not readable in the state")
                .doesNotContain(state.codeVerifier());

        Map<String, String> back = oauth.callbackQuery(consentUrl);
        LinkedGoogleAccount account = oauth.callback.complete(back.get("code"), back.get("state"), null);

        assertThat(account.userId()).isEqualTo(7);
        assertThat(account.appRedirectUri()).isEqualTo(URI.create(APP));
        assertThat(account.accountEmail()).isEqualTo(email);
        assertThat(account.subject()).isEqualTo(oauth.emulator.admin().subject(email));
        assertThat(account.oauthClientId()).isEqualTo(oauth.app.clientId());
        assertThat(account.missingScopes()).isEmpty();
        assertThat(account.toString()).doesNotContain(account.refreshToken().reveal());
        GoogleTokenRefresher workers = new GoogleTokenRefresher(oauth.transport, oauth.json,
                oauth.emulator.tokenUrl(), oauth.clock);
        AccessToken token = workers.refresh(oauth.google.clients().get(0), account.refreshToken());
        assertThat(token.value()).startsWith("ya29.");
    }

    @Test
    void revokingEndsTheGrantAndASecondRevocationIsAlreadyInvalid() throws Exception {
        LinkedGoogleAccount account = link(3);
        assertThat(oauth.revoker.revoke(account.refreshToken())).isEqualTo(GoogleGrantRevoker.Outcome.REVOKED);
        GoogleTokenRefresher workers = new GoogleTokenRefresher(oauth.transport, oauth.json,
                oauth.emulator.tokenUrl(), oauth.clock);
        assertThatThrownBy(() -> workers.refresh(oauth.google.clients().get(0), account.refreshToken()))
                .isInstanceOf(InvalidGrantException.class);
        assertThat(oauth.revoker.revoke(account.refreshToken()))
                .isEqualTo(GoogleGrantRevoker.Outcome.ALREADY_INVALID);
    }

    @Test
    void anUnreachableRevocationEndpointIsReportedNotSwallowed() throws Exception {
        LinkedGoogleAccount account = link(4);
        GoogleGrantRevoker unreachable = new GoogleGrantRevoker(oauth.transport, oauth.json,
                oauth.properties(oauth.app.clientId(), URI.create("http://127.0.0.1:1/revoke")), oauth.google);
        assertThatThrownBy(() -> unreachable.revoke(account.refreshToken()))
                .isInstanceOf(GoogleOAuthUnavailableException.class);
    }

    @Test
    void aTamperedOrForeignStateIsRejectedBeforeAnythingElse() throws Exception {
        Map<String, String> back = oauth.consent(8, APP, oauth.emulator.admin().email(5));
        String state = back.get("state");
        String[] parts = state.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"sub\":\"8\"", "\"sub\":\"9\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> oauth.callback.complete(back.get("code"), forged, null))
                .isInstanceOf(InvalidStateException.class).hasMessageContaining("signature");

        OAuthStateCodec otherKey = OAuthStateCodec.withSecret("another-key-of-at-least-32-characters!!",
                oauth.clock);
        assertThatThrownBy(() -> otherKey.open(state)).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> oauth.callback.complete(back.get("code"), "not-a-state", null))
                .isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> oauth.callback.complete(back.get("code"), null, null))
                .isInstanceOf(InvalidStateException.class);
        // an error with a bad state is no reason to trust its redirect either
        InvalidStateException denied = catchThrowableOfType(InvalidStateException.class,
                () -> oauth.callback.complete(null, forged, "access_denied"));
        assertThat(denied.appRedirectUri()).isEmpty();
        // the untouched state still works: rejecting the forgery spent nothing
        assertThat(oauth.callback.complete(back.get("code"), state, null).userId()).isEqualTo(8);
    }

    @Test
    void aStateOlderThanItsTtlIsRejected() throws Exception {
        Map<String, String> back = oauth.consent(10, APP, oauth.emulator.admin().email(6));
        oauth.clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> oauth.callback.complete(back.get("code"), back.get("state"), null))
                .isInstanceOf(InvalidStateException.class).hasMessageContaining("expired");
    }

    @Test
    void aReusedCodeIsInvalidGrantAndKillsTheFirstExchangesToken() throws Exception {
        Map<String, String> back = oauth.consent(11, APP, oauth.emulator.admin().email(7));
        LinkedGoogleAccount first = oauth.callback.complete(back.get("code"), back.get("state"), null);
        CodeExchangeFailedException again = catchThrowableOfType(CodeExchangeFailedException.class,
                () -> oauth.callback.complete(back.get("code"), back.get("state"), null));
        assertThat(again.reason()).isEqualTo("invalid_grant");
        assertThat(again.appRedirectUri()).contains(URI.create(APP));
        GoogleTokenRefresher workers = new GoogleTokenRefresher(oauth.transport, oauth.json,
                oauth.emulator.tokenUrl(), oauth.clock);
        assertThatThrownBy(() -> workers.refresh(oauth.google.clients().get(0), first.refreshToken()))
                .isInstanceOf(InvalidGrantException.class);
    }

    @Test
    void aDenialComesBackAsAccessDeniedWithTheAppRedirect() throws Exception {
        oauth.emulator.admin().denyNextConsent();
        Map<String, String> back = oauth.consent(12, APP, null);
        assertThat(back).containsEntry("error", "access_denied").doesNotContainKey("code");
        AuthorizationDeniedException denied = catchThrowableOfType(AuthorizationDeniedException.class,
                () -> oauth.callback.complete(back.get("code"), back.get("state"), back.get("error")));
        assertThat(denied.accessDenied()).isTrue();
        assertThat(denied.errorCode()).isEqualTo("access_denied");
        assertThat(denied.appRedirectUri()).contains(URI.create(APP));
    }

    @Test
    void noRefreshTokenWithoutAConsentScreenIsATypedFailure() throws Exception {
        String email = oauth.emulator.admin().email(8);
        link(8);
        // the same request without prompt=consent: already granted, so Google shows no screen and sends no refresh
        // token (what a proxy stripping parameters, or a hand-made URL, would cause)
        URI quiet = URI.create(oauth.start.consentUrl(13, APP, Optional.of(email)).toString()
                .replace("prompt=consent&", "").replace("&prompt=consent", ""));
        assertThat(quiet.toString()).doesNotContain("prompt");
        Map<String, String> back = oauth.callbackQuery(quiet);
        MissingRefreshTokenException missing = catchThrowableOfType(MissingRefreshTokenException.class,
                () -> oauth.callback.complete(back.get("code"), back.get("state"), null));
        assertThat(missing.accountEmail()).isEqualTo(email);
        assertThat(missing.appRedirectUri()).contains(URI.create(APP));
    }

    @Test
    void theCallbackWantsACodeOrAnError() throws Exception {
        Map<String, String> back = oauth.consent(14, APP, null);
        assertThatThrownBy(() -> oauth.callback.complete(null, back.get("state"), null))
                .isInstanceOf(CodeExchangeFailedException.class);
        assertThatThrownBy(() -> oauth.callback.complete("4/0Aforged", back.get("state"), null))
                .isInstanceOf(CodeExchangeFailedException.class).hasMessageContaining("invalid_grant");
    }

    @Test
    void appRedirectUrisMustBeAbsoluteHttpWithoutFragment() {
        for (String bad : new String[] {null, " ", "/relative", "ftp://x.test/cb", "https://x.test/cb#frag",
                "https:///nohost", "http://x.test/" + "a".repeat(2_000), "http://bad host/"}) {
            assertThatThrownBy(() -> oauth.start.consentUrl(1, bad, Optional.empty())).as(String.valueOf(bad))
                    .isInstanceOf(InvalidAppRedirectUriException.class);
        }
        assertThat(oauth.start.consentUrl(1, "http://localhost:3000/done", Optional.empty())).isNotNull();
    }

    @Test
    void withoutAClientIdLinkingSaysItIsNotConfigured() {
        GoogleOAuthProperties off = oauth.properties(null, URI.create(oauth.emulator.revocationUrl()));
        LinkingClient none = LinkingClient.resolve(off, oauth.google);
        AuthorizationStart start = new AuthorizationStart(off, none, oauth.states, oauth.clock, new SecureRandom());
        assertThatThrownBy(() -> start.consentUrl(1, APP, Optional.empty()))
                .isInstanceOf(OAuthNotConfiguredException.class);
        assertThatThrownBy(() -> LinkingClient.resolve(oauth.properties("unknown-client", URI.create(APP)),
                oauth.google)).isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown-client");
    }

    private LinkedGoogleAccount link(int userIndex) throws Exception {
        Map<String, String> back = oauth.consent(100 + userIndex, APP, oauth.emulator.admin().email(userIndex));
        return oauth.callback.complete(back.get("code"), back.get("state"), null);
    }

    private static String decodedParts(String jws) {
        StringBuilder out = new StringBuilder();
        for (String part : jws.split("\\.")) {
            out.append(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.ISO_8859_1));
        }
        return out.toString();
    }
}
