package io.syncplane.api.oauth;

import com.google.api.client.auth.oauth2.AuthorizationCodeRequestUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts linking a Google account: the consent URL to send the user's browser to. Asks for offline access with
 * {@code prompt=consent} (Google issues a refresh token only when it shows the consent screen), the four read-only
 * and four write scopes plus {@code openid email} (the ID token names the account), PKCE S256, and a sealed {@link OAuthState}.
 */
public final class AuthorizationStart {

    /** Read access to the four synced sources. */
    public static final List<String> READ_SCOPES = List.of("https://www.googleapis.com/auth/gmail.readonly",
            "https://www.googleapis.com/auth/calendar.readonly", "https://www.googleapis.com/auth/contacts.readonly",
            "https://www.googleapis.com/auth/tasks.readonly");
    /**
     * Write access for two-way sync (io.syncplane.writeback): labels and trash, events, contacts, tasks. Asked for
     * with the read scopes so a linked account can be written to without linking it again; note that
     * {@code gmail.modify} is one of Google's restricted scopes (app verification with a security assessment).
     */
    public static final List<String> WRITE_SCOPES = List.of("https://www.googleapis.com/auth/gmail.modify",
            "https://www.googleapis.com/auth/calendar.events", "https://www.googleapis.com/auth/contacts",
            "https://www.googleapis.com/auth/tasks");
    /** What the consent screen asks for: who the account is ({@code openid email}), read and write access. */
    public static final List<String> SCOPES = Stream.of(Stream.of("openid", "email"), READ_SCOPES.stream(),
            WRITE_SCOPES.stream()).flatMap(s -> s).toList();

    private static final int MAX_REDIRECT_LENGTH = 2_000;

    private final GoogleOAuthProperties properties;
    private final LinkingClient client;
    private final OAuthStateCodec states;
    private final Clock clock;
    private final SecureRandom random;

    public AuthorizationStart(GoogleOAuthProperties properties, LinkingClient client, OAuthStateCodec states,
                              Clock clock, SecureRandom random) {
        this.properties = properties;
        this.client = client;
        this.states = states;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The consent URL for {@code userId}, who returns to {@code appRedirectUri} when done.
     *
     * @param loginHint the Google address to preselect, if the application knows it
     * @throws InvalidAppRedirectUriException unless appRedirectUri is an absolute http(s) URI without fragment
     * @throws OAuthNotConfiguredException    when no linking client is configured
     */
    public URI consentUrl(long userId, String appRedirectUri, Optional<String> loginHint) {
        URI redirect = validRedirect("redirectUri", appRedirectUri);
        String clientId = client.require().id();
        // 32 random bytes: a 43-character verifier, inside RFC 7636's 43..128 (Google's Java library sends 172
        // padded characters, which Google tolerates; nothing needs to rely on that)
        String verifier = randomToken(32);
        String nonce = randomToken(16);
        Duration ttl = properties.stateTtl();
        String state = states.seal(new OAuthState(userId, redirect, nonce, verifier, clock.instant().plus(ttl)));
        AuthorizationCodeRequestUrl url = new AuthorizationCodeRequestUrl(properties.authorizationUrl().toString(),
                clientId)
                .setRedirectUri(properties.callbackUrl().toString())
                .setScopes(SCOPES)
                .setState(state)
                .set("access_type", "offline")
                .set("prompt", "consent")
                .set("include_granted_scopes", "true")
                .set("nonce", nonce);
        loginHint.filter(hint -> !hint.isBlank()).ifPresent(hint -> url.set("login_hint", hint));
        url.setCodeChallenge(s256(verifier));
        url.setCodeChallengeMethod("S256");
        return URI.create(url.build());
    }

    /**
     * {@code value}, named {@code name} in the messages, as a URI a browser may be sent back to: absolute http(s), at
     * most 2,000 characters, without fragment.
     *
     * @throws InvalidAppRedirectUriException otherwise
     */
    public static URI validRedirect(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidAppRedirectUriException(name + " is required");
        }
        if (value.length() > MAX_REDIRECT_LENGTH) {
            throw new InvalidAppRedirectUriException(name + " is longer than " + MAX_REDIRECT_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidAppRedirectUriException(name + " is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidAppRedirectUriException(name + " must be an absolute http or https URI");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidAppRedirectUriException(name + " must not have a fragment");
        }
        return uri;
    }

    private String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
