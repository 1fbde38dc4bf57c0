package io.syncplane.api.oauth;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import io.syncplane.emulator.GoogleEmulator;
import io.syncplane.emulator.SettableClock;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.google.GoogleHttpTransports;
import io.syncplane.google.GoogleProperties;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth services wired by hand against an in-process emulator, on one settable clock shared with it, the way
 * {@link GoogleOAuthConfiguration} wires them against Google.
 */
final class OAuthFixture implements AutoCloseable {

    static final String STATE_KEY = "test-state-key-of-at-least-32-characters";
    static final URI CALLBACK = URI.create("http://127.0.0.1:1/v1/oauth/google/callback");
    static final String OTHER_CLIENT = "other-app.apps.googleusercontent.com";
    static final String OTHER_SECRET = "other-secret";

    final SettableClock clock = SettableClock.at("2026-03-01T09:00:00Z");
    final GoogleEmulator emulator = GoogleEmulator.builder().users(8).messagesPerUser(2).clock(clock)
            .quotasEnabled(false).addOAuthClient(OTHER_CLIENT, OTHER_SECRET).start();
    final OAuthCredentials app = emulator.admin().credentials(emulator.admin().email(1));
    final HttpTransport transport = GoogleHttpTransports.pooled();
    final JsonFactory json = GsonFactory.getDefaultInstance();
    final GoogleProperties google = new GoogleProperties(emulator.rootUrl(), emulator.tokenUrl(),
            List.of(new GoogleProperties.OAuthClient(app.clientId(), app.clientSecret())), Duration.ofSeconds(5),
            Duration.ofSeconds(10), null);
    final GoogleOAuthProperties properties = properties(app.clientId(), URI.create(emulator.revocationUrl()));
    final OAuthStateCodec states = OAuthStateCodec.withSecret(STATE_KEY, clock);
    final LinkingClient client = LinkingClient.resolve(properties, google);
    final AuthorizationStart start = new AuthorizationStart(properties, client, states, clock, new SecureRandom());
    final IdTokenValidator idTokens = new IdTokenValidator(properties.jwksUrl(), Duration.ofSeconds(5),
            Duration.ofSeconds(10), clock);
    final AuthorizationCallback callback = new AuthorizationCallback(properties, client, states, idTokens, transport,
            json, google);
    final GoogleGrantRevoker revoker = new GoogleGrantRevoker(transport, json, properties, google);
    final Browser browser = new Browser();

    GoogleOAuthProperties properties(String clientId, URI revocationUrl) {
        return new GoogleOAuthProperties(clientId, URI.create(emulator.authorizationUrl()), revocationUrl,
                URI.create(emulator.jwksUrl()), STATE_KEY, Duration.ofMinutes(10), CALLBACK);
    }

    /** Runs the browser part: consent URL → the redirect to our callback, and its query. */
    Map<String, String> consent(long userId, String appRedirectUri, String loginHint)
            throws IOException, InterruptedException {
        URI consentUrl = start.consentUrl(userId, appRedirectUri, Optional.ofNullable(loginHint));
        return callbackQuery(consentUrl);
    }

    Map<String, String> callbackQuery(URI consentUrl) throws IOException, InterruptedException {
        URI back = browser.redirectOf(consentUrl);
        if (!back.toString().startsWith(CALLBACK.toString())) {
            throw new AssertionError("Google should send the browser to the callback, not " + back);
        }
        return Browser.query(back);
    }

    @Override
    public void close() throws IOException {
        emulator.close();
        transport.shutdown();
    }
}
