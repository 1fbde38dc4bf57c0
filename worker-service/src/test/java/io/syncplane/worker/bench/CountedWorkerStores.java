package io.syncplane.worker.bench;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import io.syncplane.connection.PostgresConnectionStore;
import io.syncplane.connector.ConnectorHarness;
import io.syncplane.crypto.EncryptionKeyRing;
import io.syncplane.crypto.SecretCipher;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.google.AccessTokenProvider;
import io.syncplane.google.GoogleProperties;
import io.syncplane.google.GoogleTokenRefresher;
import io.syncplane.ledger.PostgresSyncRunStore;
import io.syncplane.ledger.PostgresSyncStateStore;
import io.syncplane.persistence.PostgresLedger;
import io.syncplane.store.FullSyncSweep;
import io.syncplane.store.PostgresItemStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Postgres side of a worker — ledger, item store, access tokens — on the harness's schema, all over one
 * (counting) DataSource, so that every call the worker makes to Postgres is seen by it.
 */
final class CountedWorkerStores {

    final TransactionTemplate transactions;
    final PostgresSyncStateStore states;
    final PostgresItemStore items;
    final FullSyncSweep sweep;
    final AccessTokenProvider tokens;

    CountedWorkerStores(ConnectorHarness harness, DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        states = new PostgresSyncStateStore(jdbc, transactions, new PostgresSyncRunStore(jdbc), harness.ledger.clock);
        items = new PostgresItemStore(jdbc, new JdbcTemplate(dataSource), harness.ledger.clock);
        sweep = new FullSyncSweep(items, FullSyncSweep.DEFAULT_MAX_DELETE_FRACTION);
        SecretCipher cipher = new SecretCipher(EncryptionKeyRing.of(Map.of("k1", PostgresLedger.TEST_KEY), "k1"));
        OAuthCredentials any = harness.emulator.admin().credentials(harness.emulator.admin().email(1));
        GoogleProperties properties = new GoogleProperties(harness.emulator.rootUrl(), harness.emulator.tokenUrl(),
                List.of(new GoogleProperties.OAuthClient(any.clientId(), any.clientSecret())),
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(5));
        tokens = new AccessTokenProvider(jdbc, transactions,
                new PostgresConnectionStore(jdbc, cipher, harness.ledger.clock), cipher,
                new GoogleTokenRefresher(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                        harness.emulator.tokenUrl(), harness.ledger.clock),
                properties, harness.ledger.clock);
    }
}
