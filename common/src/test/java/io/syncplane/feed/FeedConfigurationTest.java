package io.syncplane.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplane.persistence.PostgresLedger;
import java.time.Clock;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

class FeedConfigurationTest {

    private final PostgresLedger ledger = PostgresLedger.create();
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(FeedConfiguration.class)
            .withBean(JdbcClient.class, () -> ledger.jdbc)
            .withBean(Clock.class, Clock::systemUTC)
            .withPropertyValues("spring.datasource.url=" + ledger.schema.jdbcUrl(),
                    "spring.datasource.username=" + ledger.schema.user(),
                    "spring.datasource.password=" + ledger.schema.password());

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void the_feed_is_always_there_and_the_listen_connection_only_when_enabled() {
        context.run(ctx -> {
            assertThat(ctx).hasSingleBean(ChangeFeed.class).hasSingleBean(TombstonePruner.class)
                    .doesNotHaveBean(ChangeNotifications.class).doesNotHaveBean(LongPoll.class);
        });
        context.withPropertyValues("syncplane.feed.notifications.enabled=true").run(ctx -> {
            assertThat(ctx).hasSingleBean(ChangeNotifications.class).hasSingleBean(LongPoll.class);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> ctx.getBean(ChangeNotifications.class).isListening());
        });
    }
}
