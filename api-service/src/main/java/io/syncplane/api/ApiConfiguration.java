package io.syncplane.api;

import io.syncplane.api.auth.ApiKeyInterceptor;
import io.syncplane.api.auth.ApiKeyStore;
import io.syncplane.api.auth.ApiKeys;
import io.syncplane.api.auth.CallerArgumentResolver;
import io.syncplane.api.connections.ConnectionPurge;
import io.syncplane.api.connections.ConnectionService;
import io.syncplane.api.connections.GoogleLinkingService;
import io.syncplane.api.db.CallerTransactions;
import io.syncplane.metrics.SyncplaneMetrics;
import io.syncplane.api.feed.ChangesService;
import io.syncplane.api.oauth.AuthorizationCallback;
import io.syncplane.api.oauth.AuthorizationStart;
import io.syncplane.api.oauth.GoogleGrantRevoker;
import io.syncplane.api.ops.DeadLetterService;
import io.syncplane.api.ops.StatsService;
import io.syncplane.api.sync.BulkTriggerService;
import io.syncplane.api.sync.DueNow;
import io.syncplane.api.sync.PushStatusView;
import io.syncplane.api.sync.SourceStates;
import io.syncplane.api.sync.SyncStateService;
import io.syncplane.api.sync.TriggerService;
import io.syncplane.api.users.UserService;
import io.syncplane.api.web.BodySizeLimitFilter;
import io.syncplane.api.web.ProblemErrorReportValve;
import io.syncplane.connection.ConnectionRegistry;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.feed.ChangeFeed;
import io.syncplane.feed.LongPoll;
import io.syncplane.google.GoogleProperties;
import io.syncplane.ledger.SyncRunStore;
import io.syncplane.ledger.SyncStateStore;
import io.syncplane.push.PushChannelStore;
import io.syncplane.push.PushStatusResolver;
import io.syncplane.queue.SyncQueue;
import java.time.Clock;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The REST API's services; controllers get them by constructor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiConfiguration {

    /** The api-service's fixed series (docs/metrics.md), at zero from the first scrape. */
    @Bean
    SmartInitializingSingleton apiMetricSeries(SyncplaneMetrics metrics) {
        return metrics::registerApiSeries;
    }

    @Bean
    CallerTransactions callerTransactions(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new CallerTransactions(jdbc, transactions);
    }

    @Bean
    ApiKeys apiKeys(JdbcClient jdbc, ConnectionStore connections, CallerTransactions transactions,
                    ApiProperties properties, Clock clock) {
        return new ApiKeys(new ApiKeyStore(jdbc), connections, transactions, properties.bootstrap(), clock);
    }

    @Bean
    SourceStates sourceStates(SyncStateStore states, SyncRunStore runs, PushChannelStore channels,
                              PushStatusResolver resolver, Clock clock) {
        return new SourceStates(states, runs, new PushStatusView(channels, resolver, clock));
    }

    @Bean
    UserService userService(CallerTransactions transactions, ConnectionStore connections, SourceStates views) {
        return new UserService(transactions, connections, views);
    }

    @Bean
    ConnectionService connectionService(CallerTransactions transactions, ConnectionRegistry registry,
                                        ConnectionStore connections, SyncStateStore states, SourceStates views,
                                        JdbcClient jdbc, GoogleGrantRevoker revoker, SyncQueue queue,
                                        GoogleProperties google, Clock clock) {
        return new ConnectionService(transactions, registry, connections, states, views, new ConnectionPurge(jdbc),
                revoker, queue, google, clock);
    }

    @Bean
    GoogleLinkingService googleLinkingService(CallerTransactions transactions, ConnectionStore connections,
                                              AuthorizationStart start, AuthorizationCallback callback,
                                              ConnectionService linking, GoogleGrantRevoker revoker) {
        return new GoogleLinkingService(transactions, connections, start, callback, linking, revoker);
    }

    @Bean
    DueNow dueNow(SyncStateStore states, SyncQueue queue, Clock clock) {
        return new DueNow(states, queue, clock);
    }

    @Bean
    TriggerService triggerService(CallerTransactions transactions, ConnectionStore connections, SourceStates views,
                                  DueNow dueNow) {
        return new TriggerService(transactions, connections, views, dueNow);
    }

    @Bean
    BulkTriggerService bulkTriggerService(CallerTransactions transactions, JdbcClient jdbc, TriggerService triggers) {
        return new BulkTriggerService(transactions, jdbc, triggers);
    }

    @Bean
    SyncStateService syncStateService(CallerTransactions transactions, SourceStates views, SyncRunStore runs) {
        return new SyncStateService(transactions, views, runs);
    }

    @Bean
    DeadLetterService deadLetterService(SyncQueue queue, CallerTransactions transactions, SyncStateStore states,
                                        Clock clock) {
        return new DeadLetterService(queue, transactions, states, clock);
    }

    @Bean
    StatsService statsService(CallerTransactions transactions, JdbcClient jdbc, SyncQueue queue, Clock clock) {
        return new StatsService(transactions, jdbc, queue, clock);
    }

    @Bean
    ChangesService changesService(CallerTransactions transactions, ConnectionStore connections, ChangeFeed feed,
                                  LongPoll longPoll) {
        return new ChangesService(transactions, connections, feed, longPoll);
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ApiProperties properties) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodyBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/v1/*", "/webhooks/*");
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    WebMvcConfigurer apiKeyAuthentication(ApiKeys keys) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new ApiKeyInterceptor(keys)).addPathPatterns("/v1/**")
                        // the browser comes back from Google's consent page without our key; the signed state
                        // proves who started the flow
                        .excludePathPatterns("/v1/oauth/google/callback");
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
