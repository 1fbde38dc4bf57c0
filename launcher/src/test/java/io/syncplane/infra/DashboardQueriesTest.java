package io.syncplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Grafana panel's PromQL parses: the expressions, with Grafana's variables given real values, become recording
 * rules that promtool must accept. (Which metric names they read is checked against a live scrape in the
 * api-service's MetricsScrapeTest.)
 */
class DashboardQueriesTest {

    // Dashboards are plain JSON; this module has no JSON library, and "expr" values are simple escaped strings.
    private static final Pattern EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:\\\\.|[^\"\\\\])*)\"");

    @TempDir
    Path temp;

    @BeforeAll
    static void promtoolIsThere() {
        Promtool.requireInstalled();
    }

    @Test
    void everyPanelExpressionParses() throws IOException {
        List<String> expressions = new ArrayList<>();
        try (Stream<Path> files = Files.list(Promtool.REPO.resolve("dashboards"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                expressions.addAll(expressions(Files.readString(file)));
            }
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        assertParses(expressions);
    }

    @Test
    void aBrokenExpressionIsCaught() throws IOException {
        Path rules = rulesFile(List.of("sum by (source (rate(syncplane_items_ingested_total[5m]))"));
        assertThat(Promtool.run(temp, "check", "rules", rules.toString()).exitCode()).isNotZero();
    }

    private void assertParses(List<String> expressions) throws IOException {
        Promtool.Result result = Promtool.run(temp, "check", "rules", rulesFile(expressions).toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private Path rulesFile(List<String> expressions) throws IOException {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            String expr = expressions.get(i).replace("$__rate_interval", "5m").replace("$__interval", "1m")
                    .replace("$__range", "1h").replace("$source", "gmail");
            yaml.append("      - record: dashboard:panel_").append(i).append('\n')
                    .append("        expr: '").append(expr.replace("'", "''")).append("'\n");
        }
        Path file = temp.resolve("dashboards-rules.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private static List<String> expressions(String json) {
        List<String> found = new ArrayList<>();
        Matcher matcher = EXPR.matcher(json);
        while (matcher.find()) {
            found.add(matcher.group(1).replace("\\\"", "\"").replace("\\n", " ").replace("\\\\", "\\"));
        }
        return found;
    }
}
