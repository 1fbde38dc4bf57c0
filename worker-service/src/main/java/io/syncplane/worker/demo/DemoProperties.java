package io.syncplane.worker.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code syncplane.demo.*}: for the demo only. When {@code emulator-admin-url} is set, the worker links the first
 * {@code accounts} users of that Google emulator at startup, as an application would after its users' OAuth consent.
 */
@ConfigurationProperties("syncplane.demo")
public record DemoProperties(String emulatorAdminUrl, Integer accounts) {

    public DemoProperties {
        accounts = accounts == null ? 20 : accounts;
    }
}
