package io.syncplane.startup;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every Syncplane service shares, at the lowest precedence so any of them can be overridden:
 * <ul>
 *   <li>Boot's multi-line "APPLICATION FAILED TO START" report is off: {@link OneLineFailureReporter} prints the
 *   same analysis as one line.</li>
 *   <li>{@code /actuator/health/liveness} and {@code /readiness}, readiness including Postgres ({@code db}) and the
 *   queue's Redis ({@code syncQueue}): a service that loses either stays up but not ready.</li>
 * </ul>
 * Runs before logging is initialised, so the logging level takes effect.
 */
public class StartupDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "syncplaneStartupDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.of(
                "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "off",
                "management.endpoint.health.probes.enabled", "true",
                "management.endpoint.health.group.readiness.include", "readinessState,db,syncQueue")));
    }
}
