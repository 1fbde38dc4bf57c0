package io.syncplane.api.push;

import io.syncplane.api.sync.DueNow;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.google.GoogleProperties;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.push.PushChannelStore;
import io.syncplane.push.PushProperties;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The webhooks Google pushes to. Always wired, so the endpoints exist (and are documented) whatever the
 * configuration; with push off they answer 404.
 */
@Configuration(proxyBeanMethods = false)
public class PushWebhookConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PushWebhookConfiguration.class);

    @Bean
    PushSyncTrigger pushSyncTrigger(SyncStateStore states, DueNow dueNow) {
        return new PushSyncTrigger(states, dueNow);
    }

    @Bean
    GmailPushService gmailPushService(PushProperties push, GoogleProperties google, CallerTransactions transactions,
                                      JdbcClient jdbc, PushChannelStore channels, PushSyncTrigger triggers,
                                      Clock clock) {
        Optional<PubSubTokenVerifier> verifier = Optional.empty();
        if (push.enabled() && isSet(push.pushAudience()) && isSet(push.pushServiceAccount())) {
            verifier = Optional.of(new PubSubTokenVerifier(push.jwksUrl(), push.pushAudience(),
                    push.pushServiceAccount(), google.connectTimeout(), google.readTimeout(), clock));
            LOG.info("Gmail pushes accepted from {} for audience {} (keys: {})", push.pushServiceAccount(),
                    push.pushAudience(), push.jwksUrl());
        } else if (push.enabled()) {
            LOG.warn("syncplane.push.enabled is set but push-audience or push-service-account is not: Gmail pushes"
                    + " are refused (404) as their tokens cannot be checked");
        }
        return new GmailPushService(verifier, new GmailPushParser(), transactions, new PushedAccounts(jdbc),
                channels, triggers, clock);
    }

    /** An unset environment variable binds as an empty string, which means "not configured". */
    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    @Bean
    CalendarPushService calendarPushService(PushProperties push, CallerTransactions transactions,
                                            PushChannelStore channels, PushSyncTrigger triggers, Clock clock) {
        return new CalendarPushService(push.enabled(), transactions, channels, triggers, clock);
    }
}
