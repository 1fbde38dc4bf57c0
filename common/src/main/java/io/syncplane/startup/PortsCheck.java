package io.syncplane.startup;

import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * A port already taken is found before the context starts (and migrations run) rather than when the web server
 * binds, seconds later. Something may still take it in between; {@link PortInUseFailureAnalyzer} covers that.
 */
@Order(150)
public class PortsCheck implements StartupCheck {

    @Override
    public void check(Environment environment, StartupContext context) {
        if (!context.opensServer()) {
            return; // a test's mock web environment, or no web server at all
        }
        ListenPorts.firstTaken(environment).ifPresent(taken -> {
            throw taken;
        });
    }
}
