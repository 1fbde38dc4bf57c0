package io.syncplane.config;

import io.syncplane.connection.ConnectionRegistry;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.connection.PostgresConnectionStore;
import io.syncplane.crypto.CryptoProperties;
import io.syncplane.crypto.SecretCipher;
import io.syncplane.ledger.PostgresSyncRunStore;
import io.syncplane.ledger.PostgresSyncStateScanner;
import io.syncplane.ledger.PostgresSyncStateStore;
import io.syncplane.ledger.SyncStateScanner;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger, the connection store and their collaborators, shared by both services. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
public class CommonConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecretCipher secretCipher(CryptoProperties properties) {
        return new SecretCipher(properties.keyRing());
    }

    @Bean
    PostgresSyncRunStore syncRunStore(JdbcClient jdbc) {
        return new PostgresSyncRunStore(jdbc);
    }

    @Bean
    SyncStateStore syncStateStore(JdbcClient jdbc, TransactionTemplate transactions, PostgresSyncRunStore runs,
                                  Clock clock) {
        return new PostgresSyncStateStore(jdbc, transactions, runs, clock);
    }

    @Bean
    SyncStateScanner syncStateScanner(JdbcClient jdbc) {
        return new PostgresSyncStateScanner(jdbc);
    }

    @Bean
    PostgresItemStore itemStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
        return new PostgresItemStore(jdbc, jdbcTemplate, clock);
    }

    @Bean
    FullSyncSweep fullSyncSweep(PostgresItemStore items) {
        return new FullSyncSweep(items, FullSyncSweep.DEFAULT_MAX_DELETE_FRACTION);
    }

    @Bean
    ConnectionStore connectionStore(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        return new PostgresConnectionStore(jdbc, cipher, clock);
    }

    @Bean
    ConnectionRegistry connectionRegistry(ConnectionStore connections, SyncStateStore states,
                                          TransactionTemplate transactions, Clock clock) {
        return new ConnectionRegistry(connections, states, transactions, clock);
    }
}
