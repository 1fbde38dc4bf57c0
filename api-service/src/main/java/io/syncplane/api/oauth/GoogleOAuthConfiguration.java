package io.syncplane.api.oauth;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import io.syncplane.google.GoogleProperties;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Linking Google accounts: always wired, so a misconfigured client id fails the start instead of the first user;
 * with no client id the services exist and answer {@link OAuthNotConfiguredException}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({GoogleOAuthProperties.class, GoogleProperties.class})
@PropertySource("classpath:io/syncplane/api/oauth/oauth-defaults.properties")
public class GoogleOAuthConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GoogleOAuthConfiguration.class);

    @Bean
    LinkingClient linkingClient(GoogleOAuthProperties properties, GoogleProperties google) {
        LinkingClient client = LinkingClient.resolve(properties, google);
        if (client.client().isEmpty()) {
            LOG.info("Google account linking is off: syncplane.api.oauth.client-id (SYNCPLANE_OAUTH_CLIENT_ID) is not"
                    + " set");
        } else {
            LOG.info("Google account linking with client {}, callback {}", properties.clientId(),
                    properties.callbackUrl());
        }
        return client;
    }

    @Bean
    OAuthStateCodec oauthStateCodec(GoogleOAuthProperties properties, Clock clock) {
        if (properties.stateKey() == null) {
            LOG.warn("syncplane.api.oauth.state-key (SYNCPLANE_OAUTH_STATE_KEY) is not set: OAuth states are signed"
                    + " with a random key of this process, so a consent in progress fails after a restart or when"
                    + " its callback reaches another instance");
            return OAuthStateCodec.withRandomKey(new SecureRandom(), clock);
        }
        return OAuthStateCodec.withSecret(properties.stateKey(), clock);
    }

    @Bean
    AuthorizationStart authorizationStart(GoogleOAuthProperties properties, LinkingClient client,
                                          OAuthStateCodec states, Clock clock) {
        return new AuthorizationStart(properties, client, states, clock, new SecureRandom());
    }

    @Bean
    IdTokenValidator idTokenValidator(GoogleOAuthProperties properties, GoogleProperties google, Clock clock) {
        return new IdTokenValidator(properties.jwksUrl(), google.connectTimeout(), google.readTimeout(), clock);
    }

    @Bean
    AuthorizationCallback authorizationCallback(GoogleOAuthProperties properties, LinkingClient client,
                                                OAuthStateCodec states, IdTokenValidator idTokens,
                                                HttpTransport googleHttpTransport, JsonFactory googleJsonFactory,
                                                GoogleProperties google) {
        return new AuthorizationCallback(properties, client, states, idTokens, googleHttpTransport,
                googleJsonFactory, google);
    }

    @Bean
    GoogleGrantRevoker googleGrantRevoker(HttpTransport googleHttpTransport, JsonFactory googleJsonFactory,
                                          GoogleOAuthProperties properties, GoogleProperties google) {
        return new GoogleGrantRevoker(googleHttpTransport, googleJsonFactory, properties, google);
    }
}
