package io.syncplane.startup;

import io.syncplane.config.WritesProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/** The two-way sync settings make sense (the same validation the worker's drain bean does later), before any wait. */
@Order(111)
public class WritesCheck implements StartupCheck {

    @Override
    public void check(Environment environment, StartupContext context) {
        Binder.get(environment).bind("syncplane.writes", WritesProperties.class)
                .ifBound(WritesProperties::settings);
    }
}
