package io.syncplane.api.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.syncplane.api.web.ApiException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Key rotation and an unreachable JWKS, against a JWKS endpoint this test controls. */
class PubSubTokenVerifierTest {

    private static final String AUDIENCE = "https://syncplane.example.test/webhooks/google/gmail";
    private static final String ACCOUNT = "push@project.iam.gserviceaccount.com";
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final AtomicReference<String> jwks = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void serveJwks() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void a_token_signed_with_a_key_google_rotated_in_is_verified_after_one_refetch() throws JOSEException {
        RSAKey first = key("k1");
        RSAKey second = key("k2");
        jwks.set(new JWKSet(first.toPublicJWK()).toString());
        PubSubTokenVerifier verifier = verifier(URI.create(url()));

        assertThat(verifier.verify("Bearer " + sign(first)).email()).isEqualTo(ACCOUNT);
        assertThat(verifier.verify("Bearer " + sign(first)).email()).isEqualTo(ACCOUNT);
        assertThat(fetches).as("the key set is cached").hasValue(1);

        jwks.set(new JWKSet(java.util.List.of(first.toPublicJWK(), second.toPublicJWK())).toString());
        assertThat(verifier.verify("Bearer " + sign(second)).email()).isEqualTo(ACCOUNT);
        assertThat(fetches).as("an unknown kid refetches once").hasValue(2);
    }

    @Test
    void an_unreachable_jwks_is_503_so_that_pub_sub_retries() throws JOSEException {
        PubSubTokenVerifier verifier = verifier(URI.create("http://127.0.0.1:9/certs"));
        assertThatThrownBy(() -> verifier.verify("Bearer " + sign(key("k1"))))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
    }

    private static PubSubTokenVerifier verifier(URI jwksUrl) {
        return new PubSubTokenVerifier(jwksUrl, AUDIENCE, ACCOUNT, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RSAKey key(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    private static String sign(RSAKey key) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("accounts.google.com").audience(AUDIENCE)
                .subject("1").claim("email", ACCOUNT).claim("email_verified", "true")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plus(Duration.ofHours(1)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
