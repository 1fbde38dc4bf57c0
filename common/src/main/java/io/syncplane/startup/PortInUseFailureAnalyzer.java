package io.syncplane.startup;

import java.net.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * A port already taken, named by the setting that chose it. Boot's own analyzer covers only the web server and says
 * "configure this application to listen on another port" without saying how; the JobRunr dashboard's port fails
 * with a bare {@link BindException}. Which configured port is taken is found by
 * trying to bind each one (see {@link ListenPorts}).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PortInUseFailureAnalyzer implements FailureAnalyzer {

    private static final String BOOT_PORT_IN_USE = "org.springframework.boot.web.server.PortInUseException";

    private final Environment environment;

    public PortInUseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Throwable bindFailure = null;
        for (Throwable t = failure; t != null && bindFailure == null; t = t.getCause()) {
            if (t instanceof BindException || t.getClass().getName().equals(BOOT_PORT_IN_USE)) {
                bindFailure = t;
            }
        }
        if (bindFailure == null) {
            return null;
        }
        Throwable cause = bindFailure;
        return ListenPorts.firstTaken(environment)
                .map(taken -> new FailureAnalysis(taken.setting() + ": " + taken.problem() + ".", taken.fix() + ".",
                        cause))
                .orElseGet(() -> new FailureAnalysis("a port this service listens on is already in use ("
                        + cause.getMessage() + ").", "free it or change server.port / jobrunr.dashboard.port.",
                        cause));
    }
}
