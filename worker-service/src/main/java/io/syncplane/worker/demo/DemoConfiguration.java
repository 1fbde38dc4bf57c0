package io.syncplane.worker.demo;

import io.syncplane.connection.ConnectionRegistry;
import io.syncplane.connection.ConnectionStore;
import io.syncplane.worker.maintenance.EnqueueDueSyncsTask;
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
                                              ConnectionStore connections, EnqueueDueSyncsTask enqueueDue) {
        return new LinkEmulatorAccounts(properties, registry, connections, enqueueDue);
    }
}
