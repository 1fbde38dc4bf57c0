package io.syncplane.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Turns our own start-up exceptions, wherever they sit in the cause chain, into a setting and a fix. */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException invalid) {
                return new FailureAnalysis(invalid.setting() + ": " + invalid.problem() + ".", invalid.fix() + ".",
                        invalid);
            }
            if (t instanceof BackendUnreachableException unreachable) {
                return new FailureAnalysis(unreachable.getMessage() + ".", "start " + unreachable.backend()
                        + ", or fix " + unreachable.setting() + "; to wait longer set syncplane.startup.timeout.",
                        unreachable);
            }
        }
        return null;
    }
}
