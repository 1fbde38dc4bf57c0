package io.syncplane.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class OneLineFailureReporterTest {

    @Test
    void prints_a_multi_line_analysis_as_one_line() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OneLineFailureReporter(new PrintStream(out, true, StandardCharsets.UTF_8)).report(new FailureAnalysis(
                "Web server failed to start.\n  Port 8081 was already in use.\n", "Identify and stop the process.",
                null));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Syncplane did not start: Web server failed to "
                + "start. Port 8081 was already in use. Fix: Identify and stop the process." + System.lineSeparator());
    }

    @Test
    void our_exceptions_become_setting_problem_and_fix() {
        FailureAnalysis analysis = new StartupFailureAnalyzer().analyze(new IllegalStateException("wrapped",
                new InvalidSettingException("syncplane.crypto.keys.k1", "is empty", "generate one")));
        assertThat(OneLineFailureReporter.line(analysis))
                .isEqualTo("Syncplane did not start: syncplane.crypto.keys.k1: is empty. Fix: generate one.");
        assertThat(new StartupFailureAnalyzer().analyze(new IllegalStateException("something else"))).isNull();
    }
}
