package io.syncplane.push;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Push channels and push status, shared by the worker (which creates channels) and the api-service (webhooks). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PushProperties.class)
public class PushConfiguration {

    @Bean
    PushChannelStore pushChannelStore(JdbcClient jdbc, Clock clock) {
        return new PushChannelStore(jdbc, clock);
    }

    @Bean
    PushStatusResolver pushStatusResolver(PushProperties properties) {
        return new PushStatusResolver(properties);
    }
}
