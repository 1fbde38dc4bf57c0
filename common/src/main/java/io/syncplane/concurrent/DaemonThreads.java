package io.syncplane.concurrent;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** Named daemon threads for our pools, so a stuck pool never keeps a JVM from exiting and shows up by name. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static CustomizableThreadFactory named(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }
}
