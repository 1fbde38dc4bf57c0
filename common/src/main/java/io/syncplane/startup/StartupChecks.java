package io.syncplane.startup;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Runs every {@link StartupCheck} once the environment is complete (tests' dynamic properties included) and before
 * the context refreshes. A check that throws ends {@code SpringApplication.run}; {@link StartupFailureAnalyzer}
 * turns the exception into one line. {@code syncplane.startup.checks-enabled=false} skips them.
 *
 * <p>Created by Spring's factories loader before any bean exists, so the clock here is the system's; the checks and
 * {@link BackendWait} take it as a parameter and are tested with their own.
 */
public class StartupChecks implements ApplicationListener<ApplicationPreparedEvent> {

    static final String TIMEOUT_PROPERTY = "syncplane.startup.timeout";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final String WEB_SERVER_CONTEXT =
            "org.springframework.boot.web.server.context.WebServerApplicationContext";
    private static final String CONFIGURABLE_WEB_SERVER_CONTEXT =
            "org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
        if (!environment.getProperty("syncplane.startup.checks-enabled", Boolean.class, true)) {
            return;
        }
        Duration timeout = Binder.get(environment).bind(TIMEOUT_PROPERTY, Duration.class).orElse(DEFAULT_TIMEOUT);
        StartupCheck.StartupContext context = new StartupCheck.StartupContext(Clock.systemUTC(), timeout,
                opensServer(event.getApplicationContext().getClass()));
        List<StartupCheck> checks = SpringFactoriesLoader.forDefaultResourceLocation(
                event.getApplicationContext().getClassLoader()).load(StartupCheck.class);
        for (StartupCheck check : checks) {
            check.check(environment, context);
        }
    }

    /** By name, so common needs no web-server dependency. */
    private static boolean opensServer(Class<?> contextType) {
        for (Class<?> type = contextType; type != null; type = type.getSuperclass()) {
            for (Class<?> contract : type.getInterfaces()) {
                if (contract.getName().equals(WEB_SERVER_CONTEXT)
                        || contract.getName().equals(CONFIGURABLE_WEB_SERVER_CONTEXT)) {
                    return true;
                }
            }
        }
        return false;
    }
}
