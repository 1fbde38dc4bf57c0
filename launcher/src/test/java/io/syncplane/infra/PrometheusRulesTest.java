package io.syncplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus configuration and alert rules in {@code infra/prometheus} as promtool sees them: the config and the
 * rules load, and every alert's unit test (a series that fires it, a boundary that must not) passes.
 */
class PrometheusRulesTest {

    private static final Path PROMETHEUS = Promtool.REPO.resolve("infra/prometheus");

    @BeforeAll
    static void promtoolIsThere() {
        Promtool.requireInstalled();
    }

    @Test
    void configAndRulesLoad() throws IOException {
        assertPasses(run("promtool", "check", "config", PROMETHEUS.resolve("prometheus.yml").toString()));
        List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
        command.addAll(files("rules"));
        assertPasses(run(command.toArray(String[]::new)));
    }

    @Test
    void everyAlertsUnitTestPasses() throws IOException {
        List<String> tests = files("tests");
        assertThat(tests).isNotEmpty();
        List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
        command.addAll(tests);
        assertPasses(run(command.toArray(String[]::new)));
    }

    @Test
    void everyAlertHasAUnitTestAndARunbookSection() throws IOException {
        String rules = Files.readString(PROMETHEUS.resolve("rules/syncplane-alerts.yml"));
        String tests = String.join("\n", files("tests").stream().map(PrometheusRulesTest::read).toList());
        String runbook = Files.readString(PROMETHEUS.resolve("RUNBOOK.md")).toLowerCase();
        List<String> alerts = rules.lines().map(String::trim).filter(line -> line.startsWith("- alert: "))
                .map(line -> line.substring("- alert: ".length())).toList();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
        for (String alert : alerts) {
            assertThat(tests).as("a promtool test for " + alert).contains("alertname: " + alert);
        }
        rules.lines().map(String::trim).filter(line -> line.startsWith("runbook_url:"))
                .map(line -> line.substring(line.indexOf('#') + 1, line.lastIndexOf('"')))
                .forEach(anchor -> assertThat(runbook).as("RUNBOOK.md section #" + anchor)
                        .contains("## " + anchor.replace('-', ' ')));
    }

    private static List<String> files(String dir) throws IOException {
        try (Stream<Path> paths = Files.list(PROMETHEUS.resolve(dir))) {
            return paths.filter(path -> path.toString().endsWith(".yml")).map(Path::toString).sorted().toList();
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertPasses(Promtool.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static Promtool.Result run(String... command) throws IOException {
        return Promtool.run(PROMETHEUS, java.util.Arrays.copyOfRange(command, 1, command.length));
    }
}
