package io.syncplane.startup;

import java.time.Clock;
import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * One check a service runs on its settings before any bean is created, so a misconfiguration ends the start in
 * seconds with one line, not a cancelled context refresh and a stack trace. Registered in
 * {@code META-INF/spring.factories} under this interface's name; run in {@link org.springframework.core.annotation.Order}
 * by {@link StartupChecks}.
 */
public interface StartupCheck {

    /**
     * @throws InvalidSettingException      when a setting is wrong
     * @throws BackendUnreachableException when a backend did not come up in time
     */
    void check(Environment environment, StartupContext context);

    /**
     * What checks share.
     *
     * @param clock       for waits
     * @param timeout     how long to wait for a backend ({@code syncplane.startup.timeout})
     * @param opensServer whether this application will bind its ports (not a test's mock web environment)
     */
    record StartupContext(Clock clock, Duration timeout, boolean opensServer) {
    }
}
