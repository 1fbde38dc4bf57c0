package io.syncplane.emulator;

import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.gmail.Gmail;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;
import io.syncplane.emulator.oauth.OAuthCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import static io.syncplane.emulator.GmailApiTest.catchGoogle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthTest {

    private final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    private GoogleEmulator emulator;
    private EmulatorClients clients;

    @BeforeAll
    void start() {
        emulator = GoogleEmulator.builder().users(8).messagesPerUser(3).clock(clock)
                .tokenLifetime(Duration.ofMinutes(10)).quotasEnabled(false).start();
        clients = new EmulatorClients(emulator);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void clientCredentialRefreshesAgainstTheTokenEndpoint() throws IOException {
        String email = emulator.admin().email(1);
        Credential credential = clients.credential(email);
        Gmail gmail = clients.gmail(credential);
        assertThat(gmail.users().getProfile("me").execute().getEmailAddress()).isEqualTo(email);
        assertThat(credential.getAccessToken()).startsWith("ya29.emu-");
        assertThat(credential.getExpiresInSeconds()).isBetween(500L, 600L);
    }

    @Test
    void googleAuthLibraryUserCredentialsWork() throws IOException {
        String email = emulator.admin().email(2);
        OAuthCredentials stored = emulator.admin().credentials(email);
        UserCredentials credentials = UserCredentials.newBuilder().setClientId(stored.clientId())
                .setClientSecret(stored.clientSecret()).setRefreshToken(stored.refreshToken())
                .setTokenServerUri(URI.create(emulator.tokenUrl()))
                .setHttpTransportFactory(() -> EmulatorClients.TRANSPORT).build();
        AccessToken token = credentials.refreshAccessToken();
        assertThat(token.getTokenValue()).startsWith("ya29.emu-");
        Gmail gmail = clients.gmail(new HttpCredentialsAdapter(credentials));
        assertThat(gmail.users().getProfile("me").execute().getEmailAddress()).isEqualTo(email);
    }

    @Test
    void missingTokenIs401() {
        GoogleJsonResponseException e = catchGoogle(() ->
                clients.gmail(EmulatorClients.bearer(null)).users().getProfile("me").execute());
        assertUnauthenticated(e);
        assertUnauthenticated(catchGoogle(() ->
                clients.gmail(EmulatorClients.bearer("ya29.made-up")).users().getProfile("me").execute()));
    }

    @Test
    void tokensExpireOnTheEmulatorClockAndTheCredentialRefreshes() throws IOException {
        String email = emulator.admin().email(3);
        String token = emulator.admin().accessToken(email);
        Gmail fixed = clients.gmail(EmulatorClients.bearer(token));
        fixed.users().getProfile("me").execute();
        Credential credential = clients.credential(email);
        Gmail refreshing = clients.gmail(credential);
        refreshing.users().getProfile("me").execute();
        String first = credential.getAccessToken();

        clock.advance(Duration.ofMinutes(11));
        assertUnauthenticated(catchGoogle(() -> fixed.users().getProfile("me").execute()));
        // The client still thinks its token is good; the 401 makes it refresh and retry once.
        assertThat(refreshing.users().getProfile("me").execute().getEmailAddress()).isEqualTo(email);
        assertThat(credential.getAccessToken()).isNotEqualTo(first);
    }

    @Test
    void revokedGrantGives401AndInvalidGrantUntilReauthorised() throws IOException {
        String email = emulator.admin().email(4);
        Credential credential = clients.credential(email);
        Gmail gmail = clients.gmail(credential);
        gmail.users().getProfile("me").execute();
        String oldRefreshToken = credential.getRefreshToken();

        emulator.admin().revokeGrant(email);
        assertUnauthenticated(catchGoogle(() -> clients.gmail(EmulatorClients.bearer(credential.getAccessToken()))
                .users().getProfile("me").execute()));
        TokenResponseException refresh = catchThrowableOfType(TokenResponseException.class,
                credential::refreshToken);
        assertThat(refresh.getStatusCode()).isEqualTo(400);
        assertThat(refresh.getDetails().getError()).isEqualTo("invalid_grant");

        OAuthCredentials renewed = emulator.admin().reauthorize(email);
        assertThat(renewed.refreshToken()).isNotEqualTo(oldRefreshToken);
        assertThat(clients.gmail(email).users().getProfile("me").execute().getEmailAddress()).isEqualTo(email);
        Credential stale = clients.credential(email);
        stale.setRefreshToken(oldRefreshToken);
        assertThat(catchThrowableOfType(TokenResponseException.class, stale::refreshToken).getDetails().getError())
                .isEqualTo("invalid_grant");
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        OAuthCredentials stored = emulator.admin().credentials(emulator.admin().email(5));
        Credential credential = new Credential.Builder(
                com.google.api.client.auth.oauth2.BearerToken.authorizationHeaderAccessMethod())
                .setTransport(EmulatorClients.TRANSPORT).setJsonFactory(EmulatorClients.JSON)
                .setTokenServerEncodedUrl(emulator.tokenUrl())
                .setClientAuthentication(new com.google.api.client.auth.oauth2.ClientParametersAuthentication(
                        stored.clientId(), "wrong")).build();
        credential.setRefreshToken(stored.refreshToken());
        TokenResponseException e = catchThrowableOfType(TokenResponseException.class, credential::refreshToken);
        // Like Google, a 401; HttpURLConnection does not expose the body of a 401 to a streamed POST, so the
        // client sees no details (the same happens against Google).
        assertThat(e.getStatusCode()).isEqualTo(401);
    }

    @Test
    void adminCanExpireAccessTokensEarly() throws IOException {
        String email = emulator.admin().email(6);
        String token = emulator.admin().accessToken(email);
        Gmail gmail = clients.gmail(EmulatorClients.bearer(token));
        gmail.users().getProfile("me").execute();
        emulator.admin().expireAccessTokens(email);
        assertUnauthenticated(catchGoogle(() -> gmail.users().getProfile("me").execute()));
        clock.advance(Duration.ofMillis(5));
        assertThat(clients.gmail(email).users().getProfile("me").execute().getEmailAddress()).isEqualTo(email);
    }

    static void assertUnauthenticated(GoogleJsonResponseException e) {
        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("authError");
        assertThat(e.getDetails().get("status")).isEqualTo("UNAUTHENTICATED");
        assertThat(e.getHeaders().getAuthenticate()).contains("invalid_token");
    }
}
