package io.syncplane.config;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.crypto.SecretCipher;
import io.syncplane.google.AccessTokenProvider;
import io.syncplane.google.GoogleClients;
import io.syncplane.google.GoogleHttpTransports;
import io.syncplane.google.GoogleProperties;
import io.syncplane.google.GoogleTokenRefresher;
import io.syncplane.google.MeteredHttpTransport;
import io.syncplane.google.MeteredTokenRefresher;
import io.syncplane.google.TokenRefresher;
import io.syncplane.limits.ConnectionOwners;
import io.syncplane.limits.RequestLimits;
import io.syncplane.limits.RequestPermits;
import io.syncplane.metrics.SyncplaneMetrics;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The Google client stack: one pooled HTTP transport, the token provider, the API client factory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GoogleProperties.class)
public class GoogleConfiguration {

    @Bean(destroyMethod = "shutdown")
    HttpTransport googleHttpTransport(SyncplaneMetrics metrics) {
        return new MeteredHttpTransport(GoogleHttpTransports.pooled(), metrics);
    }

    @Bean
    JsonFactory googleJsonFactory() {
        return GsonFactory.getDefaultInstance();
    }

    @Bean
    TokenRefresher tokenRefresher(HttpTransport googleHttpTransport, JsonFactory googleJsonFactory,
                                  GoogleProperties properties, Clock clock, SyncplaneMetrics metrics) {
        return new MeteredTokenRefresher(
                new GoogleTokenRefresher(googleHttpTransport, googleJsonFactory, properties.tokenUrl(), clock), metrics);
    }

    @Bean
    AccessTokenProvider accessTokenProvider(JdbcClient jdbc, TransactionTemplate transactions,
                                            ConnectionStore connections, SecretCipher cipher, TokenRefresher refresher,
                                            GoogleProperties properties, Clock clock) {
        return new AccessTokenProvider(jdbc, transactions, connections, cipher, refresher, properties, clock);
    }

    @Bean
    GoogleClients googleClients(HttpTransport googleHttpTransport, JsonFactory googleJsonFactory,
                                AccessTokenProvider tokens, GoogleProperties properties, RequestPermits permits,
                                RequestLimits limits, ConnectionOwners owners) {
        return new GoogleClients(googleHttpTransport, googleJsonFactory, tokens, properties, permits, limits, owners);
    }
}
