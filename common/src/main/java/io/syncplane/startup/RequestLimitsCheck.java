package io.syncplane.startup;

import io.syncplane.config.RequestLimitsProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/** The per-user request limits make sense (the same validation the budget's bean does later), before any wait. */
@Order(110)
public class RequestLimitsCheck implements StartupCheck {

    @Override
    public void check(Environment environment, StartupContext context) {
        Binder.get(environment).bind("syncplane.limits.requests", RequestLimitsProperties.class)
                .ifBound(RequestLimitsProperties::limits);
    }
}
