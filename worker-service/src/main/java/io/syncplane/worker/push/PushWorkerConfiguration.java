package io.syncplane.worker.push;

import io.syncplane.google.GoogleClients;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.push.PushChannelStore;
import io.syncplane.push.PushProperties;
import io.syncplane.push.PushStatusResolver;
import io.syncplane.queue.SyncQueue;
import io.syncplane.worker.WorkerProperties;
import io.syncplane.worker.maintenance.MaintenanceProperties;
import io.syncplane.worker.maintenance.RenewPushChannelsTask;
import io.syncplane.worker.maintenance.StopRetiredChannelsTask;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker's half of push: channel registration and renewal after runs, the push-aware poll schedule, and the
 * renewal and stop tasks. All of it is present with push switched off too (it then registers nothing and keeps the
 * configured poll intervals), so channels left from a time push was on are still renewed or stopped.
 */
@Configuration(proxyBeanMethods = false)
public class PushWorkerConfiguration {

    @Bean
    ChannelSecrets channelSecrets() {
        return new ChannelSecrets(new SecureRandom());
    }

    @Bean
    RenewalPolicy renewalPolicy(PushProperties properties) {
        return new RenewalPolicy(properties);
    }

    @Bean
    GmailWatchCalls gmailWatchCalls(GoogleClients clients, PushProperties properties, SyncplaneMetrics metrics) {
        return new GmailWatchCalls(clients, properties, metrics);
    }

    @Bean
    CalendarChannelCalls calendarChannelCalls(GoogleClients clients, PushProperties properties,
                                              SyncplaneMetrics metrics) {
        return new CalendarChannelCalls(clients, properties, metrics);
    }

    @Bean
    ChannelStopper channelStopper(GmailWatchCalls gmail, CalendarChannelCalls calendar, PushChannelStore store) {
        return new ChannelStopper(gmail, calendar, store);
    }

    @Bean
    PushChannelUpkeep pushChannelUpkeep(PushProperties properties, PushChannelStore store,
                                        PushStatusResolver resolver, GmailWatchCalls gmail,
                                        CalendarChannelCalls calendar, ChannelStopper stopper,
                                        ChannelSecrets secrets, RenewalPolicy renewal,
                                        TransactionTemplate transactions, Clock clock) {
        return new PushChannelUpkeep(properties, store, resolver,
                new GmailWatchUpkeep(gmail, store, secrets, renewal, transactions, clock),
                new CalendarChannelUpkeep(calendar, stopper, store, secrets, renewal, clock), clock);
    }

    @Bean
    PushAwarePollSchedule pushAwarePollSchedule(WorkerProperties worker, PushProperties push,
                                                PushChannelStore channels, PushStatusResolver resolver, Clock clock) {
        return new PushAwarePollSchedule(worker, push, channels, resolver, clock);
    }

    @Bean
    RenewPushChannelsTask renewPushChannelsTask(PushChannelStore channels, SyncStateStore states, SyncQueue queue,
                                                RenewalPolicy renewal, MaintenanceProperties properties,
                                                Clock clock) {
        return new RenewPushChannelsTask(channels, states, queue, renewal, properties, clock);
    }

    @Bean
    StopRetiredChannelsTask stopRetiredChannelsTask(PushChannelStore channels, ChannelStopper stopper,
                                                    MaintenanceProperties properties) {
        return new StopRetiredChannelsTask(channels, stopper, properties);
    }
}
