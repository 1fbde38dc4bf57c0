package io.syncplane.worker.demo;

import io.syncplane.connection.ConnectionRegistry;
import io.syncplane.connection.ConnectionStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "syncplane.demo.emulator-admin-url")
@EnableConfigurationProperties(DemoProperties.class)
public class DemoConfiguration {

    @Bean
    LinkEmulatorAccounts linkEmulatorAccounts(DemoProperties properties, ConnectionRegistry registry,
                                              ConnectionStore connections) {
        return new LinkEmulatorAccounts(properties, registry, connections);
    }
}
