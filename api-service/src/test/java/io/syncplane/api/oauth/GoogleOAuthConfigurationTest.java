package io.syncplane.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The wiring: defaults, the environment names, and failing the start on a client id nobody configured. */
class GoogleOAuthConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(GoogleOAuthConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withBean("googleHttpTransport", HttpTransport.class, NetHttpTransport::new)
            .withBean("googleJsonFactory", JsonFactory.class, GsonFactory::getDefaultInstance);

    @Test
    void startsWithoutAClientAndUsesGooglesUrls() {
        context.withPropertyValues("server.port=9090").run(started -> {
            assertThat(started).hasNotFailed();
            GoogleOAuthProperties properties = started.getBean(GoogleOAuthProperties.class);
            assertThat(properties.clientId()).isNull();
            assertThat(properties.authorizationUrl()).isEqualTo(GoogleOAuthProperties.GOOGLE_AUTHORIZATION_URL);
            assertThat(properties.revocationUrl()).isEqualTo(GoogleOAuthProperties.GOOGLE_REVOCATION_URL);
            assertThat(properties.jwksUrl()).isEqualTo(GoogleOAuthProperties.GOOGLE_JWKS_URL);
            assertThat(properties.stateTtl()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.callbackUrl())
                    .isEqualTo(URI.create("http://127.0.0.1:9090/v1/oauth/google/callback"));
            assertThat(started.getBean(LinkingClient.class).client()).isEmpty();
            assertThat(started).hasSingleBean(AuthorizationStart.class).hasSingleBean(AuthorizationCallback.class)
                    .hasSingleBean(GoogleGrantRevoker.class);
        });
    }

    @Test
    void environmentNamesConfigureEverything() {
        context.withPropertyValues("SYNCPLANE_OAUTH_CLIENT_ID=app-1",
                "syncplane.google.clients[0].id=app-1", "syncplane.google.clients[0].secret=s",
                "SYNCPLANE_GOOGLE_AUTH_URL=http://emu.test/o/oauth2/v2/auth",
                "SYNCPLANE_GOOGLE_REVOKE_URL=http://emu.test/revoke",
                "SYNCPLANE_GOOGLE_JWKS_URL=http://emu.test/oauth2/v3/certs",
                "SYNCPLANE_OAUTH_STATE_KEY=0123456789abcdef0123456789abcdef",
                "SYNCPLANE_API_PUBLIC_URL=https://api.example.test").run(started -> {
                    GoogleOAuthProperties properties = started.getBean(GoogleOAuthProperties.class);
                    assertThat(properties.clientId()).isEqualTo("app-1");
                    assertThat(properties.authorizationUrl()).hasToString("http://emu.test/o/oauth2/v2/auth");
                    assertThat(properties.revocationUrl()).hasToString("http://emu.test/revoke");
                    assertThat(properties.jwksUrl()).hasToString("http://emu.test/oauth2/v3/certs");
                    assertThat(properties.stateKey()).isEqualTo("0123456789abcdef0123456789abcdef");
                    assertThat(properties.callbackUrl())
                            .hasToString("https://api.example.test/v1/oauth/google/callback");
                    assertThat(started.getBean(LinkingClient.class).client()).isPresent();
                });
    }

    @Test
    void aClientIdThatIsNoneOfTheGoogleClientsFailsTheStart() {
        context.withPropertyValues("syncplane.api.oauth.client-id=typo",
                "syncplane.google.clients[0].id=app-1", "syncplane.google.clients[0].secret=s").run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("typo")
                            .hasMessageContaining("syncplane.google.clients");
                });
    }

    @Test
    void aShortStateKeyFailsTheStart() {
        context.withPropertyValues("syncplane.api.oauth.state-key=short").run(started ->
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("32 characters"));
    }
}
