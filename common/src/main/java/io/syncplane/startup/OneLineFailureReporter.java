package io.syncplane.startup;

import java.io.PrintStream;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Prints a failure analysis as one line on stderr: "Syncplane did not start: &lt;what&gt; Fix: &lt;what to do&gt;". Boot's own reporter (silenced by {@link StartupDefaults}) prints a banner over a dozen lines, and its
 * analyses of Boot's own failures span several lines; a person scanning a terminal or a log aggregator wants one.
 */
public class OneLineFailureReporter implements FailureAnalysisReporter {

    private final PrintStream out;

    /** Boot creates reporters with no arguments. */
    public OneLineFailureReporter() {
        this(System.err);
    }

    OneLineFailureReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void report(FailureAnalysis analysis) {
        out.println(line(analysis));
        out.flush();
    }

    static String line(FailureAnalysis analysis) {
        String action = analysis.getAction() == null || analysis.getAction().isBlank() ? ""
                : " Fix: " + oneLine(analysis.getAction());
        return "Syncplane did not start: " + oneLine(analysis.getDescription()) + action;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
