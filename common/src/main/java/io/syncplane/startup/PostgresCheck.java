package io.syncplane.startup;

import java.time.Duration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/** Waits for the service's Postgres and checks its database and credentials (see {@link PostgresProbe}). */
@Order(300)
public class PostgresCheck implements StartupCheck {

    @Override
    public void check(Environment environment, StartupContext context) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            return; // not a service with a database of ours
        }
        PostgresProbe probe = new PostgresProbe(url, environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"));
        new BackendWait(context.clock(), BackendWait.Sleeper.THREAD, context.timeout())
                .await("Postgres", probe.address(), PostgresProbe.URL_SETTING, probe);
    }
}
